/**
 * Leads: mentions too weak to publish (AI-written digests, single unverified reports, totals
 * that name no one). Organizers see them beside a country's facts and confirm one with a better
 * source, which records the fact through the one write path, or dismiss it. Never public.
 */
import { sql, type Kysely } from "kysely";
import type { Database, LeadKind } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { writeTreatyFacts, type StatusChange, type TreatyFactInput } from "./fact-write.server";
import { isConfidence } from "./treaty-facts";

type Actor = { id: number; email: string };

/** Kinds of lead that name no participant: confirming one records a note and the better source, no fact. */
export const LEADS_WITHOUT_PARTICIPANT: readonly LeadKind[] = ["process_event", "reported_total"];

export function leadNamesParticipant(lead: { kind: LeadKind; countryCode: string | null }): boolean {
  return lead.countryCode !== null && !LEADS_WITHOUT_PARTICIPANT.includes(lead.kind);
}

export interface Lead {
  id: number;
  countryCode: string | null;
  countryName: string | null;
  kind: LeadKind;
  occurredOn: string | null;
  detail: string;
  sourceUrl: string;
  sourceTitle: string;
  notes: string;
  confidence: "press" | "reported" | "low";
  status: "open" | "confirmed" | "dismissed";
  resolvedByEmail: string | null;
  resolvedAt: Date | null;
  confirmedSourceUrl: string | null;
  resolutionNote: string;
}

function leadsOf(db: Kysely<Database>, treatySlug: string) {
  return db
    .selectFrom("treaty_leads as l")
    .innerJoin("treaties as t", "t.id", "l.treaty_id")
    .leftJoin("countries as c", "c.code3", "l.country_code")
    .select([
      "l.id",
      "l.country_code as countryCode",
      "c.reference_name as countryName",
      "l.kind",
      "l.occurred_on as occurredOn",
      "l.detail",
      "l.source_url as sourceUrl",
      "l.source_title as sourceTitle",
      "l.notes",
      "l.confidence",
      "l.status",
      "l.resolved_by_email as resolvedByEmail",
      "l.resolved_at as resolvedAt",
      "l.confirmed_source_url as confirmedSourceUrl",
      "l.resolution_note as resolutionNote",
    ])
    .where("t.slug", "=", treatySlug);
}

/** The open leads, of every participant (those naming none first) or of one. */
export async function listOpenLeads(db: Kysely<Database>, treatySlug: string, code3?: string): Promise<Lead[]> {
  let query = leadsOf(db, treatySlug).where("l.status", "=", "open");
  if (code3) query = query.where("l.country_code", "=", code3);
  return query.orderBy(sql`l.country_code nulls first`).orderBy("l.occurred_on").orderBy("l.id").execute();
}

/** The leads already confirmed or dismissed, latest first. */
export async function listResolvedLeads(db: Kysely<Database>, treatySlug: string, limit = 200): Promise<Lead[]> {
  return leadsOf(db, treatySlug).where("l.status", "<>", "open").orderBy("l.resolved_at", "desc").orderBy("l.id", "desc").limit(limit).execute();
}

/** The leads page: what is open, and what was resolved. */
export async function leadsOverview(db: Kysely<Database>, treatySlug: string) {
  const [open, resolved] = await Promise.all([listOpenLeads(db, treatySlug), listResolvedLeads(db, treatySlug)]);
  return { open, resolved };
}

export async function findLead(db: Kysely<Database>, treatySlug: string, leadId: number): Promise<Lead | null> {
  return (await leadsOf(db, treatySlug).where("l.id", "=", leadId).executeTakeFirst()) ?? null;
}

/** What a better source confirms: a fact about the lead's participant, or for a lead naming none, a note. */
export type LeadConfirmationInput = { kind: "fact"; fact: Omit<TreatyFactInput, "code3"> } | { kind: "note"; sourceUrl: string; note: string };

export type LeadRefusal = "not_found" | "already_resolved" | "same_source" | "low_source" | "wrong_confirmation";
export type LeadResolution = { ok: true; statusChanges: StatusChange[] } | { ok: false; reason: LeadRefusal };

const sameAddress = (a: string, b: string) => {
  try {
    return new URL(a.trim()).href === new URL(b.trim()).href;
  } catch {
    return a.trim() === b.trim();
  }
};

/**
 * Confirms an open lead with a better source, in one transaction: the fact goes through
 * `writeTreatyFacts` (cause `lead`, so a status change it makes has the same consequences as
 * any other), the lead is marked confirmed with who, when, the source and the note, and it is
 * audited. A lead already resolved, by anyone, stays as it is.
 */
export async function confirmLead(
  db: Kysely<Database>,
  input: { treatySlug: string; leadId: number; confirmation: LeadConfirmationInput; actor: Actor; today: string },
): Promise<LeadResolution> {
  return db.transaction().execute(async (trx): Promise<LeadResolution> => {
    const lead = await trx
      .selectFrom("treaty_leads as l")
      .innerJoin("treaties as t", "t.id", "l.treaty_id")
      .select(["l.id", "l.country_code", "l.kind", "l.source_url", "l.status"])
      .where("l.id", "=", input.leadId)
      .where("t.slug", "=", input.treatySlug)
      .forUpdate("l")
      .executeTakeFirst();
    if (!lead) return { ok: false, reason: "not_found" };
    if (lead.status !== "open") return { ok: false, reason: "already_resolved" };
    const { confirmation } = input;
    const sourceUrl = confirmation.kind === "fact" ? confirmation.fact.sourceUrl : confirmation.sourceUrl;
    if (sameAddress(sourceUrl, lead.source_url)) return { ok: false, reason: "same_source" };
    const namesParticipant = leadNamesParticipant({ kind: lead.kind, countryCode: lead.country_code });
    if (namesParticipant !== (confirmation.kind === "fact")) return { ok: false, reason: "wrong_confirmation" };

    let statusChanges: StatusChange[] = [];
    let note: string;
    if (confirmation.kind === "fact") {
      // The better source is at least a single reported mention: `low` is never a fact.
      if (!isConfidence(confirmation.fact.confidence)) return { ok: false, reason: "low_source" };
      const written = await writeTreatyFacts(trx, {
        treatySlug: input.treatySlug,
        facts: [{ ...confirmation.fact, code3: lead.country_code! }],
        actor: input.actor,
        cause: "lead",
        today: input.today,
      });
      statusChanges = written.statusChanges;
      note = confirmation.fact.notes;
    } else {
      note = confirmation.note;
    }
    await trx
      .updateTable("treaty_leads")
      .set({
        status: "confirmed",
        resolved_by: input.actor.id,
        resolved_by_email: input.actor.email,
        resolved_at: sql<Date>`now()`,
        confirmed_source_url: sourceUrl,
        resolution_note: note,
      })
      .where("id", "=", lead.id)
      .execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: "lead.confirm",
      subject: lead.country_code ?? `lead ${lead.id}`,
      details: {
        leadId: lead.id,
        kind: confirmation.kind === "fact" ? confirmation.fact.kind : lead.kind,
        sourceUrl,
        ...(confirmation.kind === "fact" ? { confidence: confirmation.fact.confidence } : {}),
      },
    });
    return { ok: true, statusChanges };
  });
}

/** Dismisses an open lead with a note saying why, in one transaction, audited. */
export async function dismissLead(db: Kysely<Database>, input: { treatySlug: string; leadId: number; note: string; actor: Actor }): Promise<LeadResolution> {
  return db.transaction().execute(async (trx): Promise<LeadResolution> => {
    const lead = await trx
      .selectFrom("treaty_leads as l")
      .innerJoin("treaties as t", "t.id", "l.treaty_id")
      .select(["l.id", "l.country_code", "l.status"])
      .where("l.id", "=", input.leadId)
      .where("t.slug", "=", input.treatySlug)
      .forUpdate("l")
      .executeTakeFirst();
    if (!lead) return { ok: false, reason: "not_found" };
    if (lead.status !== "open") return { ok: false, reason: "already_resolved" };
    await trx
      .updateTable("treaty_leads")
      .set({ status: "dismissed", resolved_by: input.actor.id, resolved_by_email: input.actor.email, resolved_at: sql<Date>`now()`, resolution_note: input.note })
      .where("id", "=", lead.id)
      .execute();
    await recordAudit(trx, { actor: input.actor, action: "lead.dismiss", subject: lead.country_code ?? `lead ${lead.id}`, details: { leadId: lead.id } });
    return { ok: true, statusChanges: [] };
  });
}
