import { sql, type Kysely } from "kysely";
import type { Database, WebhookDeliveryStatus, WebhookEventName } from "../../../db/schema";
import { recordAudit, type AuditEntry } from "../audit/audit.repo.server";
import { checkWebhookHost } from "./webhook-lookup.server";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-secret.server";
import { parseSubscriptionForm, type SubscriptionErrors, type SubscriptionForm } from "./webhook-subscription.server";
import { failPendingDeliveries, isUuid, subscriptionInScope, type SubscriptionScope } from "./webhook-subscriptions.repo.server";

export { listSubscriptions, subscriptionInScope, type SubscriptionScope, type SubscriptionSummary } from "./webhook-subscriptions.repo.server";

export interface WebhookSettings {
  allowPrivate: boolean;
  /** The deployment's session secrets, newest first: the newest seals subscription secrets. */
  sessionSecrets: readonly string[];
}

/** Who acts: an organizer (id), a command line (null id) or an API key (its id, its partner). */
export interface SubscriptionActor {
  actor: AuditEntry["actor"];
  partnerId: number | null;
  apiKeyId?: string | null;
}

export type CreateResult = { ok: true; id: string; secret: string } | { ok: false; errors: SubscriptionErrors };

/**
 * Subscribes a URL to events. The URL's host must resolve, and only to addresses webhooks may
 * reach (checked again at every delivery). The secret is returned once and kept only sealed.
 */
export async function createSubscription(db: Kysely<Database>, form: SubscriptionForm, by: SubscriptionActor, settings: WebhookSettings): Promise<CreateResult> {
  const parsed = parseSubscriptionForm(form, settings.allowPrivate);
  if (!parsed.ok) return parsed;
  const host = await checkWebhookHost(new URL(parsed.input.url).hostname, settings.allowPrivate);
  if (host !== "ok") return { ok: false, errors: { url: host } };
  const secret = newWebhookSecret();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("webhook_subscriptions")
      .values({
        url: parsed.input.url,
        events: parsed.input.events,
        partner_id: by.partnerId,
        secret_sealed: sealWebhookSecret(secret, settings.sessionSecrets),
        owner_email: parsed.input.ownerEmail,
        owner_language: parsed.input.language,
        created_by: by.actor.email,
        api_key_id: by.apiKeyId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: by.actor, action: "webhook.subscribe", subject: row.id, details: { url: parsed.input.url, events: parsed.input.events, partnerId: by.partnerId } });
    return row.id;
  });
  return { ok: true, id, secret };
}

/** Deletes a subscription (kept, marked deleted, for its log) and gives up what it had not yet received. */
export async function deleteSubscription(db: Kysely<Database>, id: string, scope: SubscriptionScope, actor: AuditEntry["actor"]): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await subscriptionInScope(trx, id, scope))) return false;
    await trx.updateTable("webhook_subscriptions").set({ deleted_at: sql<Date>`now()`, active: false }).where("id", "=", id).execute();
    await failPendingDeliveries(trx, id, "subscription deleted");
    await recordAudit(trx, { actor, action: "webhook.delete", subject: id });
    return true;
  });
}

/** Switches a subscription that was switched off back on, its failure count from zero. */
export async function reenableSubscription(db: Kysely<Database>, id: string, scope: SubscriptionScope, actor: AuditEntry["actor"]): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await subscriptionInScope(trx, id, scope))) return false;
    await trx
      .updateTable("webhook_subscriptions")
      .set({ active: true, disabled_at: null, disabled_reason: null, consecutive_failures: 0, failing_since: null })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, { actor, action: "webhook.reenable", subject: id });
    return true;
  });
}

export interface DeliveryLogEntry {
  id: string;
  event: WebhookEventName;
  status: WebhookDeliveryStatus;
  createdAt: Date;
  finishedAt: Date | null;
  /** Kept until retention drops the body: only then can it be sent again. */
  canSendAgain: boolean;
  attempts: { attempt: number; startedAt: Date; durationMs: number; statusCode: number | null; error: string | null }[];
}

/** A subscription's latest deliveries, newest first, each with every attempt. */
export async function deliveryLog(db: Kysely<Database>, subscriptionId: string, limit = 100): Promise<DeliveryLogEntry[]> {
  const deliveries = await db
    .selectFrom("webhook_deliveries")
    .select(["id", "event", "status", "created_at", "finished_at", sql<boolean>`body <> ''`.as("has_body")])
    .where("subscription_id", "=", subscriptionId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  if (deliveries.length === 0) return [];
  const attempts = await db
    .selectFrom("webhook_attempts")
    .select(["delivery_id", "attempt", "started_at", "duration_ms", "status_code", "error"])
    .where("delivery_id", "in", deliveries.map((d) => d.id))
    .orderBy("delivery_id")
    .orderBy("attempt")
    .execute();
  return deliveries.map((d) => ({
    id: d.id,
    event: d.event,
    status: d.status,
    createdAt: new Date(d.created_at),
    finishedAt: d.finished_at ? new Date(d.finished_at) : null,
    canSendAgain: d.has_body && (d.status === "delivered" || d.status === "failed"),
    attempts: attempts
      .filter((a) => a.delivery_id === d.id)
      .map((a) => ({ attempt: a.attempt, startedAt: new Date(a.started_at), durationMs: a.duration_ms, statusCode: a.status_code, error: a.error })),
  }));
}

export type SendAgainResult = { ok: true } | { ok: false; code: "not_found" | "not_finished" | "body_expired" | "subscription_off" };

/**
 * Queues a finished delivery again: the same delivery id and the same bytes (a receiver that
 * de-duplicates by X-TreatyWatch-Delivery sees a repeat), attempt numbers going on.
 */
export async function sendAgain(db: Kysely<Database>, subscriptionId: string, deliveryId: string, scope: SubscriptionScope, actor: AuditEntry["actor"]): Promise<SendAgainResult> {
  if (!isUuid(deliveryId)) return { ok: false, code: "not_found" };
  return db.transaction().execute(async (trx) => {
    const subscription = await subscriptionInScope(trx, subscriptionId, scope);
    if (!subscription) return { ok: false, code: "not_found" };
    if (!subscription.active) return { ok: false, code: "subscription_off" };
    const delivery = await trx
      .selectFrom("webhook_deliveries")
      .select(["status", sql<boolean>`body <> ''`.as("has_body")])
      .where("id", "=", deliveryId)
      .where("subscription_id", "=", subscriptionId)
      .forUpdate()
      .executeTakeFirst();
    if (!delivery) return { ok: false, code: "not_found" };
    if (delivery.status !== "delivered" && delivery.status !== "failed") return { ok: false, code: "not_finished" };
    if (!delivery.has_body) return { ok: false, code: "body_expired" };
    await trx
      .updateTable("webhook_deliveries")
      // Its give-up time counts from now: `created_at` is when it was queued last.
      .set({ status: "queued", next_attempt_at: sql<Date>`now()`, created_at: sql<Date>`now()`, finished_at: null, lease_expires_at: null, last_error: null })
      .where("id", "=", deliveryId)
      .execute();
    await recordAudit(trx, { actor, action: "webhook.send_again", subject: deliveryId, details: { subscriptionId } });
    return { ok: true };
  });
}
