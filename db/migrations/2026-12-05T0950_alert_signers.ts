import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

/**
 * An alert's audience also takes the signers from that country who consented to news (ADR 33):
 * enqueueing goes on after the followers, in batches by signature id, with a watermark of its own.
 * The partial index serves those batches (confirmed, consenting signers of one country, by id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("alert_drafts")
    .addColumn("last_signature_id", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("signatures_news_by_country")
    .on("signatures")
    .columns(["country_code", "id"])
    .where(sql<boolean>`status = 'confirmed' and mail_consent`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("signatures_news_by_country").execute();
  await db.schema.alterTable("alert_drafts").dropColumn("last_signature_id").execute();
}
