import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Letters per sender are counted by person, not by spelling: the keyed hash of the sender's
  // address key (case folded, +tags dropped), never the address itself. Letters written
  // before have none and are not counted; the limit is per day, so that lasts a day.
  await db.schema.alterTable("letters").addColumn("sender_key", "text").execute();
  await db.schema.createIndex("letters_by_sender_key").on("letters").columns(["sender_key", "created_at"]).execute();

  // Someone signs with an address that already signed: the sign statement only notes it here
  // (one insert, as a first signature makes one), and the petition job decides within seconds
  // what the owner of the address is mailed. The answer to the form is the same either way, and
  // takes as long. What was typed stays only until then, and goes with the signature.
  await db.schema
    .createTable("signature_repeats")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("signature_id", "bigint", (c) => c.notNull().references("signatures.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("comment", "text")
    .addColumn("show_name", "boolean", (c) => c.notNull())
    .addColumn("mail_consent", "boolean", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("referred_by", "text")
    .addColumn("ip_hash", "text")
    .addColumn("petition_title", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("signature_repeats_by_signature").on("signature_repeats").column("signature_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("signature_repeats").execute();
  await db.schema.dropIndex("letters_by_sender_key").execute();
  await db.schema.alterTable("letters").dropColumn("sender_key").execute();
}
