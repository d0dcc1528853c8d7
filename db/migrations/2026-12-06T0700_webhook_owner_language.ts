import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

/**
 * The language a subscription's owner is written to in (the "switched off" mail), and the
 * indexes the webhook worker's queries lean on: deliveries still to come per subscription
 * (switched off together) and finished ones by age (retention drops their bodies).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("webhook_subscriptions")
    .addColumn("owner_language", "text", (c) => c.notNull().defaultTo("en").check(sql`owner_language in ('en', 'ar', 'zh', 'es', 'fr', 'ru')`))
    .execute();
  await sql`create index webhook_deliveries_pending_by_subscription on webhook_deliveries (subscription_id) where status in ('queued', 'sending')`.execute(db);
  await sql`create index webhook_deliveries_finished on webhook_deliveries (finished_at) where finished_at is not null and body <> ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index webhook_deliveries_finished`.execute(db);
  await sql`drop index webhook_deliveries_pending_by_subscription`.execute(db);
  await db.schema.alterTable("webhook_subscriptions").dropColumn("owner_language").execute();
}
