import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import type { LeadKind } from "../../../db/schema";
import { seedDatabase } from "../../../db/seed";
import { confirmLead, dismissLead, findLead, leadsOverview, listOpenLeads, type LeadConfirmationInput } from "~/modules/country/treaty-leads.service.server";
import { loadParticipantStanding } from "~/modules/country/treaty-standing.server";
import { openTestDatabase } from "../../support/database";

const TREATY = "un-cybercrime-convention";
const TODAY = "2026-12-05";
const DIGEST = "https://digest.example.org/weekly-cyber";
let handle: DatabaseHandle;
let actor: { id: number; email: string };

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  actor = await handle.db.insertInto("organizers").values({ email: "leads@example.org", role: "organizer" }).returning(["id", "email"]).executeTakeFirstOrThrow();
});
beforeEach(async () => {
  await handle.db.deleteFrom("treaty_leads").where("source_url", "like", "https://digest.example.org/%").execute();
});
afterAll(() => handle.close());

async function addLead(kind: LeadKind, countryCode: string | null, detail = `A ${kind} mention`) {
  const treaty = await handle.db.selectFrom("treaties").select("id").where("slug", "=", TREATY).executeTakeFirstOrThrow();
  const row = await handle.db
    .insertInto("treaty_leads")
    .values({ treaty_id: treaty.id, country_code: countryCode, kind, occurred_on: "2026-02-10", detail, source_url: DIGEST, notes: "An AI-written weekly digest", confidence: "low" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const approval = (over: Partial<Extract<LeadConfirmationInput, { kind: "fact" }>["fact"]> = {}): LeadConfirmationInput => ({
  kind: "fact",
  fact: { kind: "approval", actedOn: "2026-02-10", sourceUrl: "https://www.gov.az/en/approval", notes: "The president signed the approval law", confidence: "official", ...over },
});

const snapshot = async () => ({
  facts: (await handle.db.selectFrom("treaty_actions").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n,
  audit: (await handle.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n,
  moves: (await handle.db.selectFrom("country_status_changes").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n,
});

describe("listing leads", () => {
  it("lists the seeded leads to organizers, each of every participant or of one, and none of them is a public fact", async () => {
    const all = await listOpenLeads(handle.db, TREATY);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((lead) => lead.status === "open")).toBe(true);
    const low = all.filter((lead) => lead.confidence === "low");
    expect(low.length).toBeGreaterThan(0);
    const withCountry = all.find((lead) => lead.countryCode !== null)!;
    const ofOne = await listOpenLeads(handle.db, TREATY, withCountry.countryCode!);
    expect(ofOne.length).toBeGreaterThan(0);
    expect(ofOne.every((lead) => lead.countryCode === withCountry.countryCode)).toBe(true);
    for (const lead of low) {
      const published = await handle.db.selectFrom("treaty_actions").select("id").where("source_url", "=", lead.sourceUrl).where("notes", "like", `%${lead.detail.slice(0, 40)}%`).execute();
      expect(published).toEqual([]);
    }
  });
});

describe("confirming a lead with a better source", () => {
  it("records the fact with the better source's confidence through the write path, moves the status, marks the lead and audits, in one go", async () => {
    const leadId = await addLead("approval", "AZE");
    const before = await loadParticipantStanding(handle.db, TREATY, "AZE", TODAY);
    expect(before?.standing.confirmed).toBe("signed");

    const result = await confirmLead(handle.db, { treatySlug: TREATY, leadId, confirmation: approval(), actor, today: TODAY });
    expect(result).toEqual({ ok: true, statusChanges: [expect.objectContaining({ code3: "AZE", from: "signed", to: "party" })] });

    const fact = await handle.db.selectFrom("treaty_actions").selectAll().where("country_code", "=", "AZE").where("action", "=", "approval").executeTakeFirstOrThrow();
    expect(fact).toMatchObject({ acted_on: "2026-02-10", source_url: "https://www.gov.az/en/approval", confidence: "official", notes: "The president signed the approval law" });
    expect((await loadParticipantStanding(handle.db, TREATY, "AZE", TODAY))?.standing.confirmed).toBe("party");
    const move = await handle.db.selectFrom("country_status_changes").selectAll().where("country_code", "=", "AZE").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(move).toMatchObject({ from_status: "signed", to_status: "party", cause: "lead", actor_email: "leads@example.org" });
    const history = await handle.db.selectFrom("fact_changes").selectAll().where("country_code", "=", "AZE").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(history).toMatchObject({ kind: "approval", cause: "lead", before: null });

    const lead = await findLead(handle.db, TREATY, leadId);
    expect(lead).toMatchObject({
      status: "confirmed",
      resolvedByEmail: "leads@example.org",
      confirmedSourceUrl: "https://www.gov.az/en/approval",
      resolutionNote: "The president signed the approval law",
    });
    expect(lead?.resolvedAt).toBeInstanceOf(Date);
    const resolvedBy = await handle.db.selectFrom("treaty_leads").select("resolved_by").where("id", "=", leadId).executeTakeFirstOrThrow();
    expect(resolvedBy.resolved_by).toBe(actor.id);
    const audit = await handle.db.selectFrom("audit_log").selectAll().where("action", "=", "lead.confirm").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_email: "leads@example.org", subject: "AZE", details: { leadId, kind: "approval", confidence: "official" } });
    expect((await listOpenLeads(handle.db, TREATY, "AZE")).map((l) => l.id)).not.toContain(leadId);
    expect((await leadsOverview(handle.db, TREATY)).resolved.map((l) => l.id)).toContain(leadId);

    // Resolved once: neither a second confirmation nor a dismissal changes anything.
    const held = await snapshot();
    expect(await confirmLead(handle.db, { treatySlug: TREATY, leadId, confirmation: approval({ sourceUrl: "https://news.example.org/other" }), actor, today: TODAY })).toEqual({
      ok: false,
      reason: "already_resolved",
    });
    expect(await dismissLead(handle.db, { treatySlug: TREATY, leadId, note: "Too late", actor })).toEqual({ ok: false, reason: "already_resolved" });
    expect(await snapshot()).toEqual(held);
    expect(await findLead(handle.db, TREATY, leadId)).toMatchObject({ status: "confirmed", resolutionNote: "The president signed the approval law" });
    await handle.db.deleteFrom("treaty_actions").where("country_code", "=", "AZE").where("action", "=", "approval").execute();
  });

  it("refuses the lead's own source, or a `low` one, as the better source, and changes nothing", async () => {
    const leadId = await addLead("signature", "KEN");
    const held = await snapshot();
    expect(await confirmLead(handle.db, { treatySlug: TREATY, leadId, confirmation: approval({ kind: "signature", sourceUrl: DIGEST }), actor, today: TODAY })).toEqual({
      ok: false,
      reason: "same_source",
    });
    const low = approval({ kind: "signature", sourceUrl: "https://blog.example.org/ken", confidence: "low" as "reported" });
    expect(await confirmLead(handle.db, { treatySlug: TREATY, leadId, confirmation: low, actor, today: TODAY })).toEqual({ ok: false, reason: "low_source" });
    expect(await snapshot()).toEqual(held);
    expect(await findLead(handle.db, TREATY, leadId)).toMatchObject({ status: "open", resolvedByEmail: null, confirmedSourceUrl: null });
  });

  it("confirms a total that names no participant with the better source and a note only, and no fact", async () => {
    const leadId = await addLead("reported_total", null, "74 signatories, says a digest");
    const held = await snapshot();
    expect(await confirmLead(handle.db, { treatySlug: TREATY, leadId, confirmation: approval(), actor, today: TODAY })).toEqual({ ok: false, reason: "wrong_confirmation" });
    const result = await confirmLead(handle.db, {
      treatySlug: TREATY,
      leadId,
      confirmation: { kind: "note", sourceUrl: "https://news.example.org/74-signatories", note: "Reuters counts 74 too" },
      actor,
      today: TODAY,
    });
    expect(result).toEqual({ ok: true, statusChanges: [] });
    const after = await snapshot();
    expect(after.facts).toBe(held.facts);
    expect(after.moves).toBe(held.moves);
    expect(Number(after.audit)).toBe(Number(held.audit) + 1);
    expect(await findLead(handle.db, TREATY, leadId)).toMatchObject({ status: "confirmed", confirmedSourceUrl: "https://news.example.org/74-signatories", resolutionNote: "Reuters counts 74 too" });
  });

  it("knows no lead that does not exist", async () => {
    expect(await confirmLead(handle.db, { treatySlug: TREATY, leadId: 999_999, confirmation: approval(), actor, today: TODAY })).toEqual({ ok: false, reason: "not_found" });
    expect(await dismissLead(handle.db, { treatySlug: TREATY, leadId: 999_999, note: "x", actor })).toEqual({ ok: false, reason: "not_found" });
  });

  it("resolves a lead once when two organizers act at the same moment", async () => {
    const leadId = await addLead("domestic_step", "KEN");
    const step = approval({ kind: "domestic_step", sourceUrl: "https://www.parliament.go.ke/step", notes: "The cabinet approved the bill" });
    const outcomes = await Promise.all([
      confirmLead(handle.db, { treatySlug: TREATY, leadId, confirmation: step, actor, today: TODAY }),
      dismissLead(handle.db, { treatySlug: TREATY, leadId, note: "Not found in any record", actor }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: "already_resolved" }]);
    const lead = await findLead(handle.db, TREATY, leadId);
    const steps = await handle.db.selectFrom("treaty_actions").select("id").where("source_url", "=", "https://www.parliament.go.ke/step").execute();
    expect(steps).toHaveLength(lead?.status === "confirmed" ? 1 : 0);
    await handle.db.deleteFrom("treaty_actions").where("source_url", "=", "https://www.parliament.go.ke/step").execute();
  });
});

describe("dismissing a lead", () => {
  it("marks it dismissed with who, when and why, audited, and it can no longer be confirmed", async () => {
    const leadId = await addLead("ratification", "FRA");
    const held = await snapshot();
    expect(await dismissLead(handle.db, { treatySlug: TREATY, leadId, note: "No ratification in any record", actor })).toEqual({ ok: true, statusChanges: [] });
    expect(await findLead(handle.db, TREATY, leadId)).toMatchObject({ status: "dismissed", resolvedByEmail: "leads@example.org", confirmedSourceUrl: null, resolutionNote: "No ratification in any record" });
    const audit = await handle.db.selectFrom("audit_log").selectAll().where("action", "=", "lead.dismiss").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ subject: "FRA", details: { leadId } });
    const after = await snapshot();
    expect(after.facts).toBe(held.facts);
    expect(await confirmLead(handle.db, { treatySlug: TREATY, leadId, confirmation: approval({ kind: "ratification", sourceUrl: "https://www.gouv.fr/x" }), actor, today: TODAY })).toEqual({
      ok: false,
      reason: "already_resolved",
    });
    expect(await snapshot()).toEqual(after);
  });
});
