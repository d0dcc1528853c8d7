import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../../db/schema";
import { logError } from "../../lib/safe-log.server";
import { enqueueMail, outboxMail } from "../mail/outbox.repo.server";
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from "./webhook-deliveries.repo.server";
import { fanOutEvents } from "./webhook-fanout.server";
import { createPostAgents, postDelivery, type PostAgents, type PostOutcome } from "./webhook-post.server";
import { DEFAULT_RETRY, isDelivered, nextAttempt, shouldDisable } from "./webhook-rules";
import { openWebhookSecret } from "./webhook-secret.server";
import { failPendingDeliveries } from "./webhook-subscriptions.repo.server";

export interface WebhookWorkerConfig {
  publicUrl: string;
  sessionSecrets: readonly string[];
  allowPrivate: boolean;
  timeoutMs: number;
  giveUpAfterMs: number;
  maxResponseBytes: number;
  /** Requests in flight at once in this process. */
  concurrency?: number;
  /** How long a claimed delivery stays this worker's; by default twice the timeout and 5 s. */
  leaseMs?: number;
  /** The first retry's wait (doubling from there, up to an hour). */
  retryBaseMs?: number;
}

/** The worker settings from the deployment's configuration. */
export function webhookWorkerConfig(config: {
  server: { publicUrl: string; sessionSecrets: string[] };
  webhooks: { allowPrivate: boolean; timeoutMs: number; giveUpAfterMs: number; maxResponseBytes: number };
}): WebhookWorkerConfig {
  return { publicUrl: config.server.publicUrl, sessionSecrets: config.server.sessionSecrets, ...config.webhooks };
}

const leaseOf = (config: WebhookWorkerConfig) => config.leaseMs ?? config.timeoutMs * 2 + 5000;

/**
 * What became of one attempt, written in one transaction: the attempt in the log; the delivery
 * delivered, queued again after a backoff, or given up; the subscription's run of failures, and
 * when that run says so, the subscription switched off and its owner told.
 */
export async function recordOutcome(db: Kysely<Database>, delivery: ClaimedDelivery, startedAt: Date, outcome: PostOutcome, config: WebhookWorkerConfig, random = Math.random()): Promise<"delivered" | "retry" | "failed"> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    await recordAttempt(trx, delivery.id, { attempt: delivery.attempt, startedAt, durationMs: outcome.durationMs, statusCode: outcome.statusCode, error: outcome.error });
    if (isDelivered(outcome.statusCode)) {
      // Only while still ours: a delivery given up meanwhile (subscription deleted) stays so.
      await trx
        .updateTable("webhook_deliveries")
        .set({ status: "delivered", finished_at: sql<Date>`now()`, lease_expires_at: null, last_status_code: outcome.statusCode, last_error: null })
        .where("id", "=", delivery.id)
        .where("status", "=", "sending")
        .execute();
      await trx.updateTable("webhook_subscriptions").set({ consecutive_failures: 0, failing_since: null }).where("id", "=", delivery.subscriptionId).where("consecutive_failures", ">", 0).execute();
      return "delivered";
    }
    const error = outcome.error ?? `HTTP ${outcome.statusCode}`;
    const next = nextAttempt(delivery.attempt, delivery.createdAt, now, random, { baseDelayMs: config.retryBaseMs ?? DEFAULT_RETRY.baseDelayMs, maxDelayMs: DEFAULT_RETRY.maxDelayMs, giveUpAfterMs: config.giveUpAfterMs });
    await trx
      .updateTable("webhook_deliveries")
      .set(
        next === "give_up"
          ? { status: "failed", finished_at: sql<Date>`now()`, lease_expires_at: null, last_status_code: outcome.statusCode, last_error: error }
          : { status: "queued", next_attempt_at: next.retryAt, lease_expires_at: null, last_status_code: outcome.statusCode, last_error: error },
      )
      .where("id", "=", delivery.id)
      .where("status", "=", "sending")
      .execute();
    const run = await trx
      .updateTable("webhook_subscriptions")
      .set({ consecutive_failures: sql<number>`consecutive_failures + 1`, failing_since: sql<Date>`coalesce(failing_since, ${startedAt.toISOString()}::timestamptz)` })
      .where("id", "=", delivery.subscriptionId)
      .returning(["consecutive_failures", "failing_since", "active", "url", "owner_email", "owner_language"])
      .executeTakeFirst();
    if (run?.active && shouldDisable(run.consecutive_failures, run.failing_since ? new Date(run.failing_since) : null, now)) {
      const reason = `${run.consecutive_failures} failed attempts in a row since ${new Date(run.failing_since!).toISOString()}; last: ${error}`.slice(0, 500);
      const disabled = await trx
        .updateTable("webhook_subscriptions")
        .set({ active: false, disabled_at: sql<Date>`now()`, disabled_reason: reason })
        .where("id", "=", delivery.subscriptionId)
        .where("active", "=", true)
        .returning(sql<string>`disabled_at::text`.as("at"))
        .executeTakeFirst();
      if (disabled) {
        await failPendingDeliveries(trx, delivery.subscriptionId, "subscription switched off after repeated failures");
        await enqueueMail(
          trx,
          outboxMail("webhook-disabled", { email: run.owner_email, language: run.owner_language }, `${delivery.subscriptionId}:${disabled.at}`, {
            subscriptionId: delivery.subscriptionId,
            url: run.url,
            failures: run.consecutive_failures,
            lastError: error.slice(0, 200),
          }),
        );
      }
    }
    return next === "give_up" ? "failed" : "retry";
  });
}

/** Successes, recorded together: one transaction for many deliveries (what lets a worker keep up with a fast receiver). */
export async function recordDelivered(db: Kysely<Database>, done: { delivery: ClaimedDelivery; startedAt: Date; outcome: PostOutcome }[]): Promise<void> {
  if (done.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("webhook_attempts")
      .values(done.map(({ delivery, startedAt, outcome }) => ({ delivery_id: delivery.id, attempt: delivery.attempt, started_at: startedAt, duration_ms: outcome.durationMs, status_code: outcome.statusCode, error: outcome.error })))
      .execute();
    for (const code of new Set(done.map((d) => d.outcome.statusCode))) {
      await trx
        .updateTable("webhook_deliveries")
        .set({ status: "delivered", finished_at: sql<Date>`now()`, lease_expires_at: null, last_status_code: code, last_error: null })
        .where("id", "in", done.filter((d) => d.outcome.statusCode === code).map((d) => d.delivery.id))
        // Only while still ours: a delivery given up meanwhile (subscription deleted) stays so.
        .where("status", "=", "sending")
        .execute();
    }
    await trx
      .updateTable("webhook_subscriptions")
      .set({ consecutive_failures: 0, failing_since: null })
      .where("id", "in", [...new Set(done.map((d) => d.delivery.subscriptionId))])
      .where("consecutive_failures", ">", 0)
      .execute();
  });
}

/** Sends one claimed delivery; a failure is recorded at once, a success handed to `delivered` (recorded in batches). */
export async function deliverClaimed(
  db: Kysely<Database>,
  delivery: ClaimedDelivery,
  config: WebhookWorkerConfig,
  agents: PostAgents,
  secrets: Map<string, string | null>,
  delivered: (done: { delivery: ClaimedDelivery; startedAt: Date; outcome: PostOutcome }) => Promise<void>,
): Promise<void> {
  let secret = secrets.get(delivery.secretSealed);
  if (secret === undefined) {
    secret = openWebhookSecret(delivery.secretSealed, config.sessionSecrets);
    secrets.set(delivery.secretSealed, secret);
  }
  const startedAt = new Date();
  const outcome: PostOutcome =
    secret === null
      ? { statusCode: null, error: "the subscription's secret cannot be opened with the configured session secrets: subscribe again", durationMs: 0 }
      : await postDelivery({ url: delivery.url, secret, event: delivery.event, deliveryId: delivery.id, body: delivery.body }, config, agents);
  if (isDelivered(outcome.statusCode)) await delivered({ delivery, startedAt, outcome });
  else await recordOutcome(db, delivery, startedAt, outcome, config);
}

/** Collects successes and writes them every `flushMs` or `size`, whichever comes first; `add` resolves once written. */
function successBatcher(db: Kysely<Database>, size = 50, flushMs = 10) {
  let pending: { done: Parameters<typeof recordDelivered>[1][number]; written: () => void; failed: (e: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    recordDelivered(db, batch.map((b) => b.done)).then(
      () => batch.forEach((b) => b.written()),
      (error: unknown) => batch.forEach((b) => b.failed(error)),
    );
  };
  return (done: Parameters<typeof recordDelivered>[1][number]) =>
    new Promise<void>((written, failed) => {
      pending.push({ done, written, failed });
      if (pending.length >= size) flush();
      else timer ??= setTimeout(flush, flushMs);
    });
}

export interface RunningWebhookWorker {
  /** Lets the requests in flight finish, then stops. */
  stop(): Promise<void>;
}

/**
 * Fans events out and delivers what is due, keeping up to `concurrency` requests in flight;
 * several processes may run it at once (every claim skips rows another holds).
 */
export function startWebhookWorker(db: Kysely<Database>, config: WebhookWorkerConfig, idleMs = 500): RunningWebhookWorker {
  const concurrency = config.concurrency ?? 50;
  const agents = createPostAgents(concurrency);
  const secrets = new Map<string, string | null>();
  const delivered = successBatcher(db);
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  let wake: (() => void) | undefined;
  let lastFanOut = 0;
  const rest = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, ms).unref();
    });
  const loop = (async () => {
    while (!stopping) {
      let claimed = 0;
      try {
        // New events: looked for when idle, and at most every `idleMs` while busy.
        if (inFlight.size === 0 || Date.now() - lastFanOut >= idleMs) {
          lastFanOut = Date.now();
          while ((await fanOutEvents(db, config.publicUrl)).events > 0 && !stopping);
        }
        const room = concurrency - inFlight.size;
        // Claim in batches, not one row per finished request.
        if (room >= Math.max(1, Math.floor(concurrency / 4)) || inFlight.size === 0) {
          const due = await claimDueDeliveries(db, room, leaseOf(config));
          claimed = due.length;
          for (const delivery of due) {
            const running: Promise<unknown> = deliverClaimed(db, delivery, config, agents, secrets, delivered)
              .catch((error: unknown) => logError("webhook worker: delivery failed", error))
              .finally(() => {
                inFlight.delete(running);
                wake?.();
              });
            inFlight.add(running);
          }
        }
      } catch (error) {
        logError("webhook worker: round failed", error);
      }
      if (stopping) break;
      if (claimed === 0 || inFlight.size >= concurrency) await rest(idleMs);
    }
    await Promise.allSettled([...inFlight]);
    agents.close();
  })();
  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
