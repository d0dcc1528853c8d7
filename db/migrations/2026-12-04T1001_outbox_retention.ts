import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // When a finished mail lost its personal content (retention or erasure); its delivery facts stay.
  await db.schema.alterTable("outgoing_mails").addColumn("content_removed_at", "timestamptz").execute();
  // Retention finds finished mail that still holds content, oldest first.
  await db.schema
    .createIndex("outgoing_mails_with_content")
    .on("outgoing_mails")
    .column("created_at")
    .where(sql<boolean>`content_removed_at is null and status in ('sent', 'failed', 'suppressed')`)
    .execute();
  // The mails of one signature or letter, for deleting or erasing them with it.
  await sql`create index outgoing_mails_by_signature on outgoing_mails ((template_data->>'signatureId')) where template_data ? 'signatureId'`.execute(db);
  await sql`create index outgoing_mails_by_letter on outgoing_mails ((template_data->>'letterId')) where template_data ? 'letterId'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("outgoing_mails_by_letter").execute();
  await db.schema.dropIndex("outgoing_mails_by_signature").execute();
  await db.schema.dropIndex("outgoing_mails_with_content").execute();
  await db.schema.alterTable("outgoing_mails").dropColumn("content_removed_at").execute();
}
