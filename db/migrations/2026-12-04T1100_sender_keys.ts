import type { Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Letters per sender are counted by person, not by spelling: the keyed hash of the sender's
  // address key (case folded, +tags dropped), never the address itself. Letters written
  // before have none and are not counted; the limit is per day, so that lasts a day.
  await db.schema.alterTable("letters").addColumn("sender_key", "text").execute();
  await db.schema.createIndex("letters_by_sender_key").on("letters").columns(["sender_key", "created_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("letters_by_sender_key").execute();
  await db.schema.alterTable("letters").dropColumn("sender_key").execute();
}
