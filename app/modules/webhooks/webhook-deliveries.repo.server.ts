import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, WebhookEventName } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** A delivery this worker holds until its lease runs out, with where it goes. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  event: WebhookEventName;
  body: string;
  /** This attempt's number (counted at the claim: a worker that dies still used one). */
  attempt: number;
  /** The event's time (or the "send again"): the give-up time counts from it. */
  createdAt: Date;
  url: string;
  secretSealed: string;
}

/**
 * Takes up to `limit` due deliveries: queued ones whose time has come, and ones left `sending`
 * by a worker whose lease ran out. SKIP LOCKED lets workers claim side by side without waiting
 * and without taking the same row twice.
 */
export async function claimDueDeliveries(db: Db, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const result = await sql<{ id: string; subscription_id: string; event: WebhookEventName; body: string; attempts: number; created_at: Date | string; url: string; secret_sealed: string }>`
    with due as (
      select id from webhook_deliveries
      where (status = 'queued' and next_attempt_at <= now()) or (status = 'sending' and lease_expires_at < now())
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update webhook_deliveries d
    set status = 'sending', lease_expires_at = now() + ${`${leaseMs} milliseconds`}::interval, attempts = d.attempts + 1
    from due, webhook_subscriptions s
    where d.id = due.id and s.id = d.subscription_id
    returning d.id, d.subscription_id, d.event, d.body, d.attempts, d.created_at, s.url, s.secret_sealed`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    subscriptionId: r.subscription_id,
    event: r.event,
    body: r.body,
    attempt: r.attempts,
    createdAt: new Date(r.created_at),
    url: r.url,
    secretSealed: r.secret_sealed,
  }));
}

export async function recordAttempt(db: Db, deliveryId: string, attempt: { attempt: number; startedAt: Date; durationMs: number; statusCode: number | null; error: string | null }): Promise<void> {
  await db
    .insertInto("webhook_attempts")
    .values({ delivery_id: deliveryId, attempt: attempt.attempt, started_at: attempt.startedAt, duration_ms: attempt.durationMs, status_code: attempt.statusCode, error: attempt.error })
    .execute();
}

/**
 * Deliveries finished before `before` lose their body and the person's email key (the log keeps
 * event, status and attempts), and events fanned out before then go (they name a person's email
 * key too); returns the deliveries stripped.
 */
export async function dropOldBodies(db: Db, before: Date, batch = 5000): Promise<number> {
  await db.deleteFrom("webhook_events").where("fanned_out_at", "<", before).execute();
  let total = 0;
  for (;;) {
    const result = await db
      .updateTable("webhook_deliveries")
      .set({ body: "", email_key: null })
      .where("id", "in", (eb) =>
        eb
          .selectFrom("webhook_deliveries")
          .select("id")
          .where("finished_at", "<", before)
          .where((w) => w.or([w("body", "<>", ""), w("email_key", "is not", null)]))
          .limit(batch),
      )
      .executeTakeFirst();
    const n = Number(result.numUpdatedRows);
    total += n;
    if (n < batch) return total;
  }
}

/** Erasure: the person's deliveries (their bodies hold the person) and events not yet fanned out. */
export async function eraseWebhookDataOf(db: Db, emailKey: string): Promise<number> {
  await db.deleteFrom("webhook_events").where("email_key", "=", emailKey).where("fanned_out_at", "is", null).execute();
  const result = await db.deleteFrom("webhook_deliveries").where("email_key", "=", emailKey).executeTakeFirst();
  return Number(result.numDeletedRows);
}
