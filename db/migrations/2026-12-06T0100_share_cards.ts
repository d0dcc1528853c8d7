import type { Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The last share card drawn per subject and language, shared by every process: a card is
  // drawn again only when what it shows (its version) changes. One row per (subject, language).
  await db.schema
    .createTable("share_cards")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("etag", "text", (c) => c.notNull())
    .addColumn("png", "bytea", (c) => c.notNull())
    .addColumn("rendered_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("share_cards_pkey", ["subject", "language"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("share_cards").execute();
}
