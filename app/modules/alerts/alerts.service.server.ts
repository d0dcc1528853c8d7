import type { Kysely } from "kysely";
import type { AlertStatus, Database, ParticipantStatusColumn } from "../../../db/schema";
import { renderMail, type MailIntents } from "../../../emails/index";
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, type Language } from "../../lib/i18n/languages";
import { countryNameOverrides } from "../../lib/i18n/translate.server";
import { startPeriodicJob, type RunningJob } from "../../lib/periodic.server";
import { recordAudit } from "../audit/audit.repo.server";
import { actionsForAlert, type AlertAction } from "../campaign/campaign-asks.service.server";
import { countryName } from "../country/country-names";
import { mailableFollowers } from "../follow/follow.service.server";
import { mayMailFollower } from "../follow/follow-status";
import { suppressedAmong } from "../mail/outbox.repo.server";
import { allConsentingSigners, nextConsentingSigners } from "./alert-signers.repo.server";
import { ALERT_BATCH_SIZE, alertClaim, decideOutcome, isLastBatch, type AlertClaim, type AlertDecision } from "./alert-rules";
import {
  alertSettings,
  alertsBeingSent,
  enqueueAlertMails,
  factsBehind,
  findAlert,
  listAlerts,
  nextConfirmedFollowers,
  noteAlertBatch,
  setAlertDecided,
  writeAlertSetting,
  type AlertRow,
} from "./alerts.repo.server";

export interface AlertSending {
  /** The signing secrets: the do-not-mail list is keyed with them. */
  secrets: readonly string[];
  batchSize?: number;
  /** Batches to run now; the job carries on with the rest. */
  maxBatches?: number;
}

const nameIn = (lng: Language, code2: string) => countryName(lng, code2, countryNameOverrides(lng));

const changeOf = (row: AlertRow) => ({ fromStatus: row.from_status, toStatus: row.to_status, reportedFrom: row.reported_from, reportedTo: row.reported_to });

type Fact = Awaited<ReturnType<typeof factsBehind>>[number];

/** What every follower's mail about this alert shares (the follow and the country's name are added per follower). */
function mailContent(row: AlertRow, claim: AlertClaim, facts: Fact[], actions: AlertAction[]): Omit<MailIntents["country-alert"], "followId" | "signatureId" | "countryName"> {
  const sourced = facts.find((f) => f.sourceUrl !== null && !f.removed) ?? null;
  return {
    alertId: row.id,
    countrySegment: row.country_code.toLowerCase(),
    certainty: claim.certainty,
    status: claim.status,
    fromStatus: claim.fromStatus,
    sourceUrl: sourced?.sourceUrl ?? null,
    actedOn: sourced?.actedOn ?? null,
    actions,
  };
}

export interface AlertView {
  id: string;
  status: AlertStatus;
  automatic: boolean;
  decidedByEmail: string | null;
  decidedAt: string | null;
  enqueued: number;
  countryCode: string;
  countryName: string;
  change: { from: ParticipantStatusColumn; to: ParticipantStatusColumn; reportedFrom: ParticipantStatusColumn | null; reportedTo: ParticipantStatusColumn | null; cause: string; by: string; at: string };
  claim: AlertClaim;
  facts: Fact[];
  /**
   * Open alerts only: who may be mailed now, by language, each address once: the confirmed
   * followers, and the consenting signers from the country who do not follow it (`signers` of `total`).
   */
  audience: { total: number; signers: number; byLanguage: { lng: string; count: number }[] } | null;
  /** Open alerts only: the mail in each language of its audience (or the page's language when it has none). */
  previews: { lng: string; subject: string; text: string }[];
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * The review queue: alerts still to decide or being sent, with what changed, the facts and
 * sources behind it, the audience and the mail in each of its languages; and the latest decided.
 */
export async function alertQueue(
  db: Kysely<Database>,
  input: { treatySlug: string; lng: Language; secrets: readonly string[]; publicUrl: string },
): Promise<{ open: AlertView[]; decided: AlertView[]; settings: { toStatus: ParticipantStatusColumn; sendWithoutReview: boolean }[] }> {
  const open = await listAlerts(db, input.treatySlug, ["draft", "sending"], 100);
  const decided = await listAlerts(db, input.treatySlug, ["sent", "discarded"], 50);
  const audiences = new Map<string, Awaited<ReturnType<typeof alertAudience>>>();
  const view = async (row: AlertRow, withAudience: boolean): Promise<AlertView> => {
    const claim = alertClaim(changeOf(row));
    const facts = await factsBehind(db, row);
    let audience: AlertView["audience"] = null;
    let previews: AlertView["previews"] = [];
    if (withAudience) {
      const key = `${row.treaty_id}:${row.country_code}`;
      let people = audiences.get(key);
      if (!people) {
        people = await alertAudience(db, row.treaty_id, row.country_code, input.secrets);
        audiences.set(key, people);
      }
      const counts = new Map<string, number>();
      for (const p of people.all) counts.set(p.language, (counts.get(p.language) ?? 0) + 1);
      audience = { total: people.all.length, signers: people.signers, byLanguage: [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([lng, count]) => ({ lng, count })) };
      const languages = counts.size > 0 ? SUPPORTED_LANGUAGES.filter((l) => counts.has(l)) : [input.lng];
      const content = mailContent(row, claim, facts, await actionsForAlert(db, row.treaty_id, claim.status));
      previews = languages.map((lng) => {
        const mail = renderMail(
          "country-alert",
          { lng, publicUrl: input.publicUrl, unsubscribeUrl: `${input.publicUrl}/unsubscribe/…`, signingSecrets: input.secrets },
          { ...content, followId: "0", countryName: nameIn(lng, row.code2) },
        );
        return { lng, subject: mail.subject, text: mail.text };
      });
    }
    return {
      id: row.id,
      status: row.status,
      automatic: row.automatic,
      decidedByEmail: row.decided_by_email,
      decidedAt: iso(row.decided_at),
      enqueued: row.enqueued,
      countryCode: row.country_code,
      countryName: nameIn(input.lng, row.code2),
      change: {
        from: row.from_status,
        to: row.to_status,
        reportedFrom: row.reported_from,
        reportedTo: row.reported_to,
        cause: row.cause,
        by: row.actor_email,
        at: iso(row.changed_at)!,
      },
      claim,
      facts,
      audience,
      previews,
    };
  };
  const openViews: AlertView[] = [];
  for (const row of open) openViews.push(await view(row, row.status === "draft"));
  const decidedViews: AlertView[] = [];
  for (const row of decided) decidedViews.push(await view(row, false));
  const settings = (await alertSettings(db)).map((s) => ({ toStatus: s.to_status, sendWithoutReview: s.send_without_review }));
  return { open: openViews, decided: decidedViews, settings };
}

export type AlertDecisionResult = { ok: true; status: AlertStatus; enqueued: number } | { ok: false; reason: "not_found" | "already_decided" };

/**
 * An organizer sends or discards a draft: one transaction (the decision and its audit line).
 * Sending then enqueues the mails in batches, each its own short transaction; what is left over
 * (a large audience, a process that stopped) the alert job finishes.
 */
export async function decideAlert(
  db: Kysely<Database>,
  input: { treatySlug: string; alertId: string; decision: AlertDecision; actor: { id: number; email: string }; now: Date },
  sending: AlertSending,
): Promise<AlertDecisionResult> {
  if (!/^\d{1,18}$/u.test(input.alertId)) return { ok: false, reason: "not_found" };
  const decided = await db.transaction().execute(async (trx) => {
    const row = await findAlert(trx, input.alertId, true);
    if (!row || row.treaty_slug !== input.treatySlug) return { ok: false as const, reason: "not_found" as const };
    const outcome = decideOutcome(row.status, input.decision);
    if (!outcome.ok) return { ok: false as const, reason: outcome.reason };
    await setAlertDecided(trx, row.id, outcome.status === "sending" ? "sending" : "discarded", input.actor, input.now);
    await recordAudit(trx, {
      actor: input.actor,
      action: `alert.${input.decision}`,
      subject: `alert:${row.id}`,
      details: { country: row.country_code, from: row.from_status, to: row.to_status, reportedFrom: row.reported_from, reportedTo: row.reported_to },
    });
    return { ok: true as const, status: outcome.status };
  });
  if (!decided.ok) return decided;
  if (decided.status !== "sending") return { ...decided, enqueued: 0 };
  const enqueued = await continueAlert(db, input.alertId, sending);
  return { ok: true, status: enqueued.finished ? "sent" : "sending", enqueued: enqueued.enqueued };
}

/**
 * Enqueues the next batches of an alert being sent: each batch locks the alert, takes the next
 * confirmed followers by id, leaves out addresses on the do-not-mail list, and adds one mail per
 * follower with `INSERT … SELECT` (idempotency key: alert and follow). Once the followers are
 * done, the consenting signers from the country who do not follow it go the same way, by
 * signature id (idempotency key: alert and the person's first such signature). Safe to run twice
 * or side by side: the lock orders them, and the outbox's unique key adds nothing twice.
 */
export async function continueAlert(db: Kysely<Database>, alertId: string, sending: AlertSending): Promise<{ enqueued: number; finished: boolean }> {
  const batchSize = sending.batchSize ?? ALERT_BATCH_SIZE;
  const maxBatches = sending.maxBatches ?? 20;
  let enqueued = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const step = await db.transaction().execute(async (trx) => {
      const row = await findAlert(trx, alertId, true);
      if (!row || row.status !== "sending") return { enqueued: 0, finished: true };
      const claim = alertClaim(changeOf(row));
      const mail = {
        alertId: row.id,
        content: mailContent(row, claim, await factsBehind(trx, row), await actionsForAlert(trx, row.treaty_id, claim.status)),
        countryNames: Object.fromEntries(SUPPORTED_LANGUAGES.map((lng) => [lng, nameIn(lng, row.code2)])),
        fallbackLanguage: DEFAULT_LANGUAGE,
      };
      const followers = await nextConfirmedFollowers(trx, row.treaty_id, row.country_code, row.last_follow_id, batchSize);
      const lastFollowId = followers.at(-1)?.id ?? row.last_follow_id;
      if (!isLastBatch(followers.length, batchSize)) {
        const suppressed = await suppressedAmong(trx, followers.map((f) => f.email), sending.secrets);
        const mailable = followers.filter((f) => mayMailFollower(f, suppressed.has(f.email)).mail).map((f) => f.id);
        const added = await enqueueAlertMails(trx, { ...mail, recipients: { kind: "follow", ids: mailable } });
        await noteAlertBatch(trx, row.id, { lastFollowId, lastSignatureId: row.last_signature_id, enqueued: added, finished: false });
        return { enqueued: added, finished: false };
      }
      // The last followers, then the signers: they are left out where they follow, so every address gets one mail.
      const signers = await nextConsentingSigners(trx, row.treaty_id, row.country_code, row.last_signature_id, batchSize);
      const suppressed = await suppressedAmong(trx, [...followers, ...signers].map((p) => p.email), sending.secrets);
      const mailable = followers.filter((f) => mayMailFollower(f, suppressed.has(f.email)).mail).map((f) => f.id);
      const added =
        (await enqueueAlertMails(trx, { ...mail, recipients: { kind: "follow", ids: mailable } })) +
        (await enqueueAlertMails(trx, { ...mail, recipients: { kind: "signature", ids: signers.filter((s) => !suppressed.has(s.email)).map((s) => s.id) } }));
      const finished = isLastBatch(signers.length, batchSize);
      await noteAlertBatch(trx, row.id, { lastFollowId, lastSignatureId: signers.at(-1)?.id ?? row.last_signature_id, enqueued: added, finished });
      return { enqueued: added, finished };
    });
    enqueued += step.enqueued;
    if (step.finished) return { enqueued, finished: true };
  }
  return { enqueued, finished: false };
}

/** Who an open alert would reach now, each address once: mailable followers, then consenting signers not on the do-not-mail list. */
async function alertAudience(db: Kysely<Database>, treatyId: number, countryCode: string, secrets: readonly string[]) {
  const followers = await mailableFollowers(db, treatyId, countryCode, secrets);
  const signers = await allConsentingSigners(db, treatyId, countryCode);
  const suppressed = await suppressedAmong(db, signers.map((s) => s.email), secrets);
  const mailableSigners = signers.filter((s) => !suppressed.has(s.email));
  return { all: [...followers, ...mailableSigners].map((p) => ({ language: p.language })), signers: mailableSigners.length };
}

/** Carries on with every alert being sent (automatic ones, and any a stopped process left). */
export async function sendDueAlerts(db: Kysely<Database>, sending: AlertSending): Promise<number> {
  let enqueued = 0;
  for (const id of await alertsBeingSent(db, 20)) enqueued += (await continueAlert(db, id, sending)).enqueued;
  return enqueued;
}

/** The alert job of every web process and worker: safe side by side (each batch locks its alert). */
export function startAlertJob(db: Kysely<Database>, sending: AlertSending, intervalMs = 15_000): RunningJob {
  return startPeriodicJob("alerts", intervalMs, () => sendDueAlerts(db, sending));
}

/** Changes which moves go out without review; one transaction with its audit line. */
export async function saveAlertSettings(
  db: Kysely<Database>,
  input: { sendWithoutReview: ReadonlySet<ParticipantStatusColumn>; actor: { id: number; email: string } },
): Promise<{ changed: number }> {
  return db.transaction().execute(async (trx) => {
    const current = await alertSettings(trx);
    const changed: string[] = [];
    for (const setting of current) {
      const wanted = input.sendWithoutReview.has(setting.to_status);
      if (await writeAlertSetting(trx, setting.to_status, wanted, input.actor.email)) changed.push(`${setting.to_status}:${wanted ? "auto" : "review"}`);
    }
    if (changed.length > 0) await recordAudit(trx, { actor: input.actor, action: "alert.settings", details: { changed } });
    return { changed: changed.length };
  });
}
