import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { recordCountChange } from "../campaign/counter.server";
import { enqueueMail, outboxMail } from "../mail/outbox.repo.server";
import { pickText } from "../campaign/campaign-text";
import { petitionTexts, setSignatureStatus } from "./petition.repo.server";
import { moderationEffect, type TrendingRule } from "./signature-status";
import { trendingSourceLabel, type TrendingSourceRef } from "./trending";
import {
  alertsOf,
  decisionHistory,
  decisionsInForce,
  heldOfDomain,
  heldOfSource,
  lockTrendingSource,
  lockTrustedDomain,
  moderatingOrganizers,
  raiseNewAlerts,
  trendingSourcesOf,
  trustedAmong,
} from "./trending.repo.server";

type Actor = { id: number; email: string };

/**
 * Releases held signatures: each becomes confirmed (keeping when its signer
 * confirmed), fires `signature.confirmed`, and adds exactly one to the count,
 * one `recordCountChange` per signature, all in the caller's transaction.
 */
async function release(trx: Transaction<Database>, held: readonly { id: string; petition_id: number; country_code: string }[]): Promise<number> {
  for (const signature of held) {
    const effect = moderationEffect("held", "release")!;
    await setSignatureStatus(trx, signature.id, effect.next);
    await recordCountChange(trx, { kind: "signatures", id: signature.petition_id, countryCode: signature.country_code, signatureId: signature.id }, 1);
  }
  return held.length;
}

export type TrendingDecisionOutcome = { kind: "decided"; released: number } | { kind: "not_found" };

/**
 * An organizer decides what confirmed signatures from one source of a petition
 * do: `count` releases the ones held so far, in this transaction, and later
 * ones count on confirmation; `hold` applies to confirmations from now on
 * (what counts already stays counted). Every decision is kept, and audited.
 */
export async function decideTrendingSource(
  db: Kysely<Database>,
  input: { slug: string; source: TrendingSourceRef; decision: TrendingRule; note: string; actor: Actor },
): Promise<TrendingDecisionOutcome> {
  const petition = await db.selectFrom("petitions").select(["id", "slug"]).where("slug", "=", input.slug).executeTakeFirst();
  if (!petition) return { kind: "not_found" };
  return db.transaction().execute(async (trx) => {
    await lockTrendingSource(trx, petition.id, input.source);
    await trx
      .insertInto("trending_decisions")
      .values({
        petition_id: petition.id,
        source_kind: input.source.kind,
        source_key: input.source.key,
        decision: input.decision,
        decided_by: input.actor.id,
        decided_by_email: input.actor.email,
        note: input.note,
      })
      .execute();
    const released = input.decision === "count" ? await release(trx, await heldOfSource(trx, petition.id, input.source)) : 0;
    await recordAudit(trx, {
      actor: input.actor,
      action: `trending.${input.decision}`,
      subject: `${petition.slug}:${input.source.kind}:${trendingSourceLabel(input.source)}`,
      details: { released, note: input.note },
    });
    return { kind: "decided", released };
  });
}

export type TrustOutcome = { kind: "added"; released: number } | { kind: "removed" } | { kind: "unchanged" };

/**
 * Adds a domain to the allow-list (it never trends again, and its held
 * signatures on every petition are released and counted, in this
 * transaction) or takes it off (from then on it may trend like any other).
 * Each change is kept with who, when and why, and audited.
 */
export async function changeTrustedDomain(db: Kysely<Database>, input: { change: "add" | "remove"; domain: string; note: string; actor: Actor }): Promise<TrustOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockTrustedDomain(trx, input.domain);
    const changed =
      input.change === "add"
        ? await trx
            .insertInto("trusted_domains")
            .values({ domain: input.domain, note: input.note, added_by: input.actor.id })
            .onConflict((oc) => oc.column("domain").doNothing())
            .returning("domain")
            .executeTakeFirst()
        : await trx.deleteFrom("trusted_domains").where("domain", "=", input.domain).returning("domain").executeTakeFirst();
    if (!changed) return { kind: "unchanged" };
    await trx
      .insertInto("trusted_domain_changes")
      .values({ domain: input.domain, change: input.change, note: input.note, changed_by: input.actor.id, changed_by_email: input.actor.email })
      .execute();
    const released = input.change === "add" ? await release(trx, await heldOfDomain(trx, input.domain)) : 0;
    await recordAudit(trx, { actor: input.actor, action: `trusted_domain.${input.change}`, subject: input.domain, details: { released, note: input.note } });
    return input.change === "add" ? { kind: "added", released } : { kind: "removed" };
  });
}

/** The allow-list and its history, newest change first. */
export async function trustedDomainsPage(db: Kysely<Database>, limit = 200) {
  const [domains, history] = await Promise.all([
    db.selectFrom("trusted_domains").select(["domain", "note", "added_at"]).orderBy("domain").execute(),
    db.selectFrom("trusted_domain_changes").select(["id", "domain", "change", "note", "changed_by_email", "changed_at"]).orderBy("id", "desc").limit(limit).execute(),
  ]);
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    domains: domains.map((d) => ({ ...d, added_at: iso(d.added_at) })),
    history: history.map((h) => ({ ...h, changed_at: iso(h.changed_at) })),
  };
}

/**
 * A petition's trending sources for its dashboard: each with a label that never
 * shows a client address, since when it trends, its signatures and what became
 * of them, the decision in force (or the default rule), and for a domain
 * whether it is allow-listed; then the decisions taken, newest first.
 */
export async function trendingOverview(db: Kysely<Database>, slug: string, defaultRule: TrendingRule) {
  const petition = await db.selectFrom("petitions").select("id").where("slug", "=", slug).executeTakeFirst();
  if (!petition) return null;
  const petitionId = petition.id;
  const [sources, decisions, alerts, history] = await Promise.all([trendingSourcesOf(db, petitionId), decisionsInForce(db, petitionId), alertsOf(db, petitionId), decisionHistory(db, petitionId)]);
  const trusted = await trustedAmong(
    db,
    sources.filter((s) => s.kind === "domain").map((s) => s.key),
  );
  const keyOf = (kind: string, key: string) => `${kind}\u0000${key}`;
  const inForce = new Map(decisions.map((d) => [keyOf(d.source_kind, d.source_key), d]));
  const since = new Map(alerts.map((a) => [keyOf(a.source_kind, a.source_key), a.since]));
  const labelOf = (kind: "domain" | "address", key: string) => trendingSourceLabel({ kind, key });
  return {
    defaultRule,
    sources: sources.map((s) => {
      const decision = inForce.get(keyOf(s.kind, s.key));
      return {
        kind: s.kind,
        key: s.key,
        label: labelOf(s.kind, s.key),
        since: new Date(since.get(keyOf(s.kind, s.key)) ?? s.first).toISOString(),
        signatures: Number(s.signatures),
        confirmed: Number(s.confirmed),
        held: Number(s.held),
        pending: Number(s.pending),
        decision: decision?.decision ?? null,
        decidedBy: decision?.decided_by_email ?? null,
        decidedAt: decision ? new Date(decision.decided_at).toISOString() : null,
        trusted: s.kind === "domain" && trusted.has(s.key),
      };
    }),
    history: history.map((h) => ({
      id: h.id,
      label: labelOf(h.source_kind, h.source_key),
      kind: h.source_kind,
      decision: h.decision,
      by: h.decided_by_email,
      note: h.note,
      at: new Date(h.decided_at).toISOString(),
    })),
  };
}

/** How far back the job looks for new trending signatures: a little over the hourly window. */
export const ALERT_LOOKBACK_MS = 2 * 60 * 60 * 1000;

/**
 * Raises the alert of each source that newly trends on a petition, once, and
 * when `mail` is on queues a mail about it to every organizer who may
 * moderate (bulk priority: confirmations go first), in one transaction. Run
 * by the petition job; returns the alerts raised.
 */
export async function raiseTrendingAlerts(db: Kysely<Database>, options: { mail: boolean }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const raised = await raiseNewAlerts(trx, ALERT_LOOKBACK_MS);
    if (raised.length === 0 || !options.mail) return raised.length;
    const organizers = await moderatingOrganizers(trx);
    if (organizers.length === 0) return raised.length;
    const petitions = new Map<number, { slug: string; language: string; title: string }>();
    for (const alert of raised) {
      let petition = petitions.get(alert.petition_id);
      if (!petition) {
        const row = await trx.selectFrom("petitions").select(["slug", "default_language"]).where("id", "=", alert.petition_id).executeTakeFirstOrThrow();
        const text = pickText(await petitionTexts(trx, alert.petition_id), row.default_language, row.default_language);
        petition = { slug: row.slug, language: row.default_language, title: text?.text.title ?? row.slug };
        petitions.set(alert.petition_id, petition);
      }
      for (const organizer of organizers) {
        // Organizers have no language of their own: the petition's default one.
        const mail = outboxMail("trending-alert", { email: organizer.email, language: petition.language }, `${alert.id}:${organizer.id}`, {
          alertId: alert.id,
          petitionSlug: petition.slug,
          petitionTitle: petition.title,
          sourceKind: alert.source_kind,
          sourceLabel: trendingSourceLabel({ kind: alert.source_kind, key: alert.source_key }),
          signatures: Number(alert.signatures),
        });
        await enqueueMail(trx, { ...mail, priority: 1 });
      }
    }
    return raised.length;
  });
}
