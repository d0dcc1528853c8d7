import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database, WebhookEventName } from "../../../db/schema";
import { bodyBuilderFor, type QueuedEvent } from "./webhook-bodies.server";
import { subscriptionReceives } from "./webhook-rules";

/**
 * Turns events not yet fanned out into one delivery per matching active subscription, in one
 * transaction: the events are locked with SKIP LOCKED, so several workers fan out side by side,
 * each its own events. Bodies are written here, once: every retry sends the same bytes.
 */
export async function fanOutEvents(db: Kysely<Database>, publicUrl: string, limit = 200): Promise<{ events: number; deliveries: number }> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("webhook_events")
      .select(["id", "event", "data", "email_key", "partner_id", "partner_consent", "created_at"])
      .where("fanned_out_at", "is", null)
      .orderBy("id")
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return { events: 0, deliveries: 0 };
    const events: QueuedEvent[] = rows.map((r) => ({
      id: String(r.id),
      event: r.event,
      data: r.data,
      emailKey: r.email_key,
      partnerId: r.partner_id,
      partnerConsent: r.partner_consent,
      createdAt: new Date(r.created_at),
    }));
    const names = [...new Set(events.map((e) => e.event))];
    const subscriptions = await trx
      .selectFrom("webhook_subscriptions")
      .select(["id", "events", "partner_id"])
      .where("active", "=", true)
      .where("deleted_at", "is", null)
      .where(sql<boolean>`events && ${sql`array[${sql.join(names.map((n) => sql`${n}`))}]::text[]`}`)
      .execute();
    const body = await bodyBuilderFor(trx, events, publicUrl);
    const deliveries: { id: string; subscription_id: string; event_id: string; event: WebhookEventName; body: string; email_key: string | null; created_at: Date }[] = [];
    for (const event of events) {
      for (const subscription of subscriptions) {
        if (!subscription.events.includes(event.event)) continue;
        if (!subscriptionReceives({ partnerId: subscription.partner_id }, event)) continue;
        const text = body(event, subscription.partner_id === null ? "platform" : "partner");
        if (text === null) continue;
        // Give-up time counts from the event.
        deliveries.push({ id: randomUUID(), subscription_id: subscription.id, event_id: event.id, event: event.event, body: text, email_key: event.emailKey, created_at: event.createdAt });
      }
    }
    for (let start = 0; start < deliveries.length; start += 500) {
      await trx
        .insertInto("webhook_deliveries")
        .values(deliveries.slice(start, start + 500))
        .onConflict((oc) => oc.columns(["subscription_id", "event_id"]).doNothing())
        .execute();
    }
    await trx.updateTable("webhook_events").set({ fanned_out_at: sql<Date>`now()` }).where("id", "in", events.map((e) => e.id)).execute();
    return { events: events.length, deliveries: deliveries.length };
  });
}
