import { sql, type Kysely, type Transaction } from "kysely";
import type { AlertStatus, Database } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** An alert with the change it is about and its country. */
function alertsWithChanges(db: Db) {
  return db
    .selectFrom("alert_drafts as a")
    .innerJoin("country_status_changes as c", "c.id", "a.status_change_id")
    .innerJoin("countries as k", "k.code3", "c.country_code")
    .innerJoin("treaties as t", "t.id", "c.treaty_id")
    .select([
      "a.id",
      "a.status_change_id",
      "a.status",
      "a.automatic",
      "a.decided_by_email",
      "a.decided_at",
      "a.enqueued",
      "a.last_follow_id",
      "a.last_signature_id",
      "a.finished_at",
      "a.created_at",
      "c.treaty_id",
      "t.slug as treaty_slug",
      "c.country_code",
      "k.code2",
      "c.from_status",
      "c.to_status",
      "c.reported_from",
      "c.reported_to",
      "c.cause",
      "c.actor_email",
      "c.created_at as changed_at",
    ]);
}

export type AlertRow = Awaited<ReturnType<typeof listAlerts>>[number];

/** The alerts of a treaty: those still open (draft, sending) and the latest decided ones, newest first. */
export async function listAlerts(db: Db, treatySlug: string, statuses: readonly AlertStatus[], limit: number) {
  return alertsWithChanges(db).where("t.slug", "=", treatySlug).where("a.status", "in", [...statuses]).orderBy("a.id", "desc").limit(limit).execute();
}

export async function findAlert(db: Db, id: string, lock: boolean) {
  return alertsWithChanges(db)
    .where("a.id", "=", id)
    .$if(lock, (q) => q.forUpdate("a"))
    .executeTakeFirst();
}

/** Alerts being sent (decided, or automatic) that a worker may carry on with. */
export async function alertsBeingSent(db: Db, limit: number): Promise<string[]> {
  const rows = await db.selectFrom("alert_drafts").select("id").where("status", "=", "sending").orderBy("id").limit(limit).execute();
  return rows.map((r) => r.id);
}

/**
 * The facts written with a status change (the same transaction, hence the same `now()`), newest
 * first; when another participant's fact moved this one (entry into force), its latest facts.
 */
export async function factsBehind(db: Db, change: { status_change_id: string; country_code: string; treaty_id: number }) {
  const changes = await db
    .selectFrom("fact_changes as h")
    .innerJoin("country_status_changes as c", (j) => j.onRef("c.country_code", "=", "h.country_code").onRef("c.created_at", "=", "h.created_at"))
    .select(["h.id", "h.kind", "h.before", "h.after"])
    .where("c.id", "=", change.status_change_id)
    .orderBy("h.id", "desc")
    .execute();
  const written = changes.map((c) => {
    const values = (c.after ?? c.before ?? {}) as Record<string, unknown>;
    return {
      kind: c.kind,
      removed: c.after === null,
      actedOn: typeof values.acted_on === "string" ? values.acted_on : null,
      sourceUrl: typeof values.source_url === "string" ? values.source_url : null,
      confidence: typeof values.confidence === "string" ? values.confidence : null,
    };
  });
  if (written.length > 0) return written;
  const held = await db
    .selectFrom("treaty_actions")
    .select(["action", "acted_on", "source_url", "confidence"])
    .where("treaty_id", "=", change.treaty_id)
    .where("country_code", "=", change.country_code)
    .orderBy(sql`acted_on desc nulls last`)
    .orderBy("id", "desc")
    .limit(3)
    .execute();
  return held.map((h) => ({ kind: h.action, removed: false, actedOn: h.acted_on, sourceUrl: h.source_url, confidence: h.confidence as string | null }));
}

export async function setAlertDecided(
  trx: Transaction<Database>,
  id: string,
  status: "sending" | "discarded",
  actor: { id: number; email: string },
  now: Date,
): Promise<void> {
  await trx
    .updateTable("alert_drafts")
    .set({ status, decided_by: actor.id, decided_by_email: actor.email, decided_at: now })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .execute();
}

/** The next confirmed followers of a country after `afterId`, by id. */
export async function nextConfirmedFollowers(trx: Transaction<Database>, treatyId: number, countryCode: string, afterId: string, limit: number) {
  return trx
    .selectFrom("country_follows")
    .select(["id", "email", "language", "status"])
    .where("treaty_id", "=", treatyId)
    .where("country_code", "=", countryCode)
    .where("status", "=", "confirmed")
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Who an alert's mails go to: followers (by follow id) or consenting signers (by signature id). */
export type AlertRecipients = { kind: "follow"; ids: string[] } | { kind: "signature"; ids: string[] };

const RECIPIENT_SOURCES = {
  // A follow stopped since the batch was read gets nothing.
  follow: { table: "country_follows", idField: "followId", keyPart: "", still: sql`p.status = 'confirmed'` },
  // A signature withdrawn, or its consent gone (retention), since the batch was read gets nothing.
  signature: { table: "signatures", idField: "signatureId", keyPart: "signature:", still: sql`p.status = 'confirmed' and p.mail_consent` },
} as const;

/**
 * One alert mail per recipient among `recipients`, in one `INSERT … SELECT`: their address and
 * language, the country's name in that language. The idempotency key is the alert and the follow,
 * or the alert and the signature (never the address: the key outlives the mail's content), unique
 * in the outbox, so a second run adds nothing. Returns how many were new.
 */
export async function enqueueAlertMails(
  trx: Transaction<Database>,
  input: { alertId: string; recipients: AlertRecipients; content: Record<string, unknown>; countryNames: Record<string, string>; fallbackLanguage: string },
): Promise<number> {
  const { ids, kind } = input.recipients;
  if (ids.length === 0) return 0;
  const source = RECIPIENT_SOURCES[kind];
  const content = sql`${JSON.stringify(input.content)}::text::jsonb`;
  const names = sql`${JSON.stringify(input.countryNames)}::text::jsonb`;
  const { rows } = await sql<{ id: string }>`
    insert into outgoing_mails (recipient, template, template_data, language, idempotency_key, priority)
    select p.email, 'country-alert',
           ${content} || jsonb_build_object(${sql.lit(source.idField)}, p.id::text, 'countryName', coalesce(${names} ->> p.language, ${names} ->> ${input.fallbackLanguage}::text)),
           p.language, ${`country-alert:${input.alertId}:${source.keyPart}`}::text || p.id::text, 1
    from ${sql.table(source.table)} p
    where p.id in (${sql.join(ids)}) and ${source.still}
    on conflict (idempotency_key) do nothing
    returning id`.execute(trx);
  return rows.length;
}

export async function noteAlertBatch(
  trx: Transaction<Database>,
  id: string,
  batch: { lastFollowId: string; lastSignatureId: string; enqueued: number; finished: boolean },
): Promise<void> {
  await trx
    .updateTable("alert_drafts")
    .set({
      last_follow_id: batch.lastFollowId,
      last_signature_id: batch.lastSignatureId,
      enqueued: sql`enqueued + ${batch.enqueued}`,
      ...(batch.finished ? { status: "sent" as const, finished_at: sql`now()` } : {}),
    })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .execute();
}

export async function alertSettings(db: Db) {
  return db.selectFrom("alert_settings").select(["to_status", "send_without_review", "changed_by", "changed_at"]).orderBy("to_status").execute();
}

export async function writeAlertSetting(trx: Transaction<Database>, toStatus: string, sendWithoutReview: boolean, actorEmail: string): Promise<boolean> {
  const result = await trx
    .updateTable("alert_settings")
    .set({ send_without_review: sendWithoutReview, changed_by: actorEmail, changed_at: sql`now()` })
    .where("to_status", "=", toStatus as never)
    .where("send_without_review", "<>", sendWithoutReview)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
