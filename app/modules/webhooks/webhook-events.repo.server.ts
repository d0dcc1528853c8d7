import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { WebhookEventRecord } from "./webhook-events";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Writes an event down in the transaction of the action (the outbox pattern): it happened if and
 * only if the action committed. Nothing is written when no active subscription wants this event,
 * so signing in a surge pays one indexed lookup and no write.
 */
export async function recordWebhookEvent(db: Db, record: WebhookEventRecord): Promise<void> {
  const data = JSON.stringify(record.data);
  await db
    .insertInto("webhook_events")
    .columns(["event", "data", "email_key", "partner_id", "partner_consent"])
    .expression(
      db
        .selectNoFrom([
          sql<string>`${record.event}`.as("event"),
          sql<string>`${data}::text::jsonb`.as("data"),
          sql<string | null>`${record.person?.emailKey ?? null}::text`.as("email_key"),
          sql<number | null>`${record.person?.partnerId ?? null}::integer`.as("partner_id"),
          sql<boolean>`${record.person?.partnerConsent ?? false}::boolean`.as("partner_consent"),
        ])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("webhook_subscriptions")
              .select(sql`1`.as("one"))
              .where("active", "=", true)
              .where("deleted_at", "is", null)
              .where(sql<boolean>`${record.event}::text = any(events)`),
          ),
        ),
    )
    .execute();
}
