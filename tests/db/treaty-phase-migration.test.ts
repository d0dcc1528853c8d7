import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase, type SeedReport } from "../../db/seed";
import { readSeedCsv } from "../../db/seeds/read-csv";
import { sourceConfidence } from "../../db/treaty-actions";
import { CONFIDENCES, TREATY_FACT_KINDS } from "~/modules/country/treaty-facts";
import { migrateToJustBefore, openTestDatabase } from "../support/database";

const PHASE = "2026-12-05T0200_treaty_phase_facts";
let handle: DatabaseHandle;
let oldTreatyId: number;
let firstRun: SeedReport;

/** Every source of signatures.csv, and a few more shapes of URL, recorded before confidences existed. */
const OLD_SOURCES = [
  ...new Set(readSeedCsv<"source_url">("convention/signatures.csv").map((r) => r.source_url)),
  "https://www.gov.uk/government/news/uk-signs",
  "https://www.state.gov/statement",
  "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L_202502307",
  "https://www.un.org/en/press",
  "https://example.org/untreaties.un.org.example",
];
const CODES = ["FRA", "DEU", "ITA", "ESP", "PRT", "NLD", "BEL", "AUT", "SWE", "FIN", "DNK", "IRL", "POL", "CZE", "GRC", "HUN", "ROU", "BGR", "HRV", "SVN"];

beforeAll(async () => {
  handle = await openTestDatabase();
  // The database as it was before: every migration up to this one, with facts of every source.
  await migrateToJustBefore(handle.db, PHASE);
  expect(OLD_SOURCES.length).toBeLessThanOrEqual(CODES.length);
  await sql`insert into countries (code3, code2, kind, reference_name, region, subregion) values
    ${sql.join(CODES.map((code, i) => sql`(${code}, ${`X${String.fromCharCode(65 + i)}`}, 'member_state', ${code}, 'Europe', '')`))},
    ('EUU', 'EU', 'organization', 'European Union', 'Europe', '')`.execute(handle.db);
  const treaty = await sql<{ id: number }>`insert into treaties (slug, ratifications_for_entry_into_force, source_url)
    values ('older-treaty', 40, 'https://example.org/treaty') returning id`.execute(handle.db);
  oldTreatyId = treaty.rows[0]!.id;
  await sql`insert into treaty_actions (treaty_id, country_code, action, acted_on, source_url) values
    ${sql.join(OLD_SOURCES.map((url, i) => sql`(${oldTreatyId}, ${CODES[i]!}, 'signature', '2025-10-25', ${url})`))}`.execute(handle.db);
  await migrateToLatest(handle.db);
  firstRun = await seedDatabase(handle.db);
});
afterAll(async () => handle?.close());

const treatyId = async () => (await handle.db.selectFrom("treaties").select("id").where("slug", "=", "un-cybercrime-convention").executeTakeFirstOrThrow()).id;

describe("facts recorded before confidences existed", () => {
  it("take their confidence from their source, as facts entered by hand do", async () => {
    const rows = await handle.db.selectFrom("treaty_actions").select(["source_url", "confidence"]).where("treaty_id", "=", oldTreatyId).execute();
    expect(rows).toHaveLength(OLD_SOURCES.length);
    for (const row of rows) expect({ url: row.source_url, confidence: row.confidence }).toEqual({ url: row.source_url, confidence: sourceConfidence(row.source_url) });
    const of = (url: string) => rows.find((r) => r.source_url === url)?.confidence;
    expect(of("https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml")).toBe("depositary");
    expect(of("https://verdragen.nl/nl/Verdrag/Details/013891_p.html")).toBe("official");
    expect(of("https://www.gov.uk/government/news/uk-signs")).toBe("official");
    expect(of("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L_202502307")).toBe("official");
    expect(of("https://www.solicitorsjournal.com/sjarticle/uk-signs-landmark-convention-against-cybercrime")).toBe("press");
    expect(of("https://example.org/untreaties.un.org.example")).toBe("press");
  });

  it("leave a treaty's own rules unset until its row gives them", async () => {
    const old = await handle.db.selectFrom("treaties").selectAll().where("id", "=", oldTreatyId).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ signature_closes_on: null, days_to_entry_into_force: null, counting_participant_kinds: null, depositary_checked_on: null });
  });
});

describe("the constraints", () => {
  const fact = (over: Record<string, unknown> = {}) => ({
    treaty_id: oldTreatyId,
    country_code: "EUU",
    action: "signature",
    acted_on: "2025-10-25",
    source_url: "https://example.org/eu",
    notes: "",
    confidence: "official",
    ...over,
  });
  const insert = (row: Record<string, unknown>) => handle.db.insertInto("treaty_actions").values(row as never).execute();

  it("accept every kind of the depositary's vocabulary at every confidence", async () => {
    for (const [i, action] of TREATY_FACT_KINDS.entries()) {
      await expect(insert(fact({ action, source_url: `https://example.org/kind/${i}`, confidence: CONFIDENCES[i % CONFIDENCES.length] }))).resolves.toBeDefined();
    }
  });

  it("refuse a kind or a confidence they do not know", async () => {
    await expect(insert(fact({ country_code: "FRA", action: "rumour", source_url: "https://example.org/x" }))).rejects.toThrow(/check/i);
    await expect(insert(fact({ country_code: "FRA", action: "statement", confidence: "low", source_url: "https://example.org/y" }))).rejects.toThrow(/check/i);
    await expect(insert(fact({ country_code: "FRA", action: "statement", confidence: null, source_url: "https://example.org/z" }))).rejects.toThrow(/null/i);
  });

  it("keep one signature and one instrument of a kind per participant, and other facts one per source", async () => {
    await expect(insert(fact({ source_url: "https://example.org/another" }))).rejects.toThrow(/unique|duplicate/i);
    await expect(insert(fact({ action: "ratification", source_url: "https://example.org/another" }))).rejects.toThrow(/unique|duplicate/i);
    await expect(insert(fact({ action: "domestic_step", source_url: "https://example.org/step-1" }))).resolves.toBeDefined();
    await expect(insert(fact({ action: "domestic_step", source_url: "https://example.org/step-1" }))).rejects.toThrow(/unique|duplicate/i);
  });

  it("keep a declaration's text and link for declarations and reservations", async () => {
    await expect(insert(fact({ country_code: "DEU", action: "declaration_or_reservation", declaration_text: "Art. 7(2)", declaration_url: "https://example.org/text", source_url: "https://example.org/d" }))).resolves.toBeDefined();
    await expect(insert(fact({ country_code: "DEU", action: "domestic_step", declaration_text: "Art. 7(2)", source_url: "https://example.org/e" }))).rejects.toThrow(/check/i);
    await expect(insert(fact({ country_code: "DEU", action: "declaration_or_reservation", declaration_url: "not a link", source_url: "https://example.org/f" }))).rejects.toThrow(/check/i);
  });

  it("refuse a treaty's rules given in part, or a participant kind they do not know", async () => {
    const set = (values: Record<string, unknown>) => handle.db.updateTable("treaties").set(values as never).where("id", "=", oldTreatyId).execute();
    await expect(set({ signature_closes_on: "2026-12-31" })).rejects.toThrow(/check/i);
    const all = { signature_closes_on: "2026-12-31", days_to_entry_into_force: 90, days_to_entry_into_force_for_later_party: 30 };
    await expect(set({ ...all, counting_participant_kinds: ["state", "alliance"] })).rejects.toThrow(/check/i);
    await expect(set({ ...all, counting_participant_kinds: [] })).rejects.toThrow(/check/i);
    await expect(set({ ...all, days_to_entry_into_force: -1, counting_participant_kinds: ["state"] })).rejects.toThrow(/check/i);
  });

  it("tell the EU from the States", async () => {
    const kinds = await handle.db.selectFrom("countries").select(["code3", "participant_kind"]).where("code3", "in", ["EUU", "FRA"]).orderBy("code3").execute();
    expect(kinds).toEqual([
      { code3: "EUU", participant_kind: "regional_organization" },
      { code3: "FRA", participant_kind: "state" },
    ]);
  });

  it("refuse a lead with an unknown status or confidence, or a resolution that does not add up", async () => {
    const lead = { treaty_id: oldTreatyId, country_code: "FRA", kind: "signature", detail: "A mention", source_url: "https://example.org/lead", confidence: "low" };
    const add = (over: Record<string, unknown>) => handle.db.insertInto("treaty_leads").values({ ...lead, ...over } as never).execute();
    await expect(add({ status: "maybe" })).rejects.toThrow(/check/i);
    await expect(add({ confidence: "depositary" })).rejects.toThrow(/check/i);
    await expect(add({ kind: "rumour" })).rejects.toThrow(/check/i);
    await expect(add({ status: "dismissed" })).rejects.toThrow(/check/i);
    const by = { resolved_by_email: "o@example.org", resolved_at: new Date() };
    await expect(add({ status: "confirmed", ...by })).rejects.toThrow(/check/i);
    await expect(add({ status: "open", confirmed_source_url: "https://example.org/better" })).rejects.toThrow(/check/i);
    await expect(add({ status: "confirmed", ...by, confirmed_source_url: "https://example.org/better" })).resolves.toBeDefined();
    await expect(add({ status: "dismissed", ...by })).rejects.toThrow(/unique|duplicate/i);
    await expect(add({ country_code: null, kind: "reported_total" })).resolves.toBeDefined();
    await expect(add({ country_code: null, kind: "reported_total" })).rejects.toThrow(/unique|duplicate/i);
  });
});

describe("seeding the 2026 events", () => {
  it("gives the treaty its own rules from articles 64 and 65, and no depositary check yet", async () => {
    const treaty = await handle.db.selectFrom("treaties").selectAll().where("slug", "=", "un-cybercrime-convention").executeTakeFirstOrThrow();
    expect(treaty).toMatchObject({
      ratifications_for_entry_into_force: 40,
      opened_for_signature_on: "2025-10-25",
      signature_closes_on: "2026-12-31",
      days_to_entry_into_force: 90,
      days_to_entry_into_force_for_later_party: 30,
      counting_participant_kinds: ["state"],
      depositary_checked_on: null,
    });
  });

  it("gives the signatures their confidence: 30 in the depositary's record, 35 official, 8 press", async () => {
    const rows = await handle.db
      .selectFrom("treaty_actions")
      .select(({ fn }) => ["confidence", fn.countAll<string>().as("n")])
      .where("treaty_id", "=", await treatyId())
      .where("action", "=", "signature")
      .groupBy("confidence")
      .orderBy("confidence")
      .execute();
    expect(rows.map((r) => [r.confidence, Number(r.n)])).toEqual([
      ["depositary", 30],
      ["official", 35],
      ["press", 8],
    ]);
  });

  it("records the better-sourced events as facts with their confidence, none of them a signature or an instrument", async () => {
    const facts = await handle.db
      .selectFrom("treaty_actions")
      .select(["country_code", "action", "acted_on", "confidence", "declaration_text"])
      .where("treaty_id", "=", await treatyId())
      .where("action", "!=", "signature")
      .orderBy(["country_code", "action", "acted_on"])
      .execute();
    expect(facts.map((f) => [f.country_code, f.action, f.acted_on, f.confidence])).toEqual([
      ["AZE", "declaration_or_reservation", "2025-10-25", "official"],
      ["AZE", "declaration_or_reservation", "2026-02-23", "press"],
      ["AZE", "domestic_step", "2026-02-10", "press"],
      ["AZE", "domestic_step", "2026-02-23", "press"],
      ["RUS", "statement", "2026-01-28", "press"],
      ["VNM", "statement", null, "official"],
    ]);
    expect(facts[0]!.declaration_text).toMatch(/7\(2\), 9\(2\), 11\(3\) and 63\(3\)/);
  });

  it("keeps every low-confidence row and every reported total out of the facts: they are open leads", async () => {
    const id = await treatyId();
    const leads = await handle.db.selectFrom("treaty_leads").select(["country_code", "kind", "confidence", "status"]).where("treaty_id", "=", id).orderBy("id").execute();
    expect(leads).toHaveLength(10);
    expect(leads.every((l) => l.status === "open")).toBe(true);
    expect(leads.filter((l) => l.kind === "reported_total").map((l) => l.confidence)).toEqual(["press", "low", "low", "low"]);
    expect(leads.filter((l) => l.country_code !== null).map((l) => `${l.country_code} ${l.kind}`).sort()).toEqual([
      "ARE signature",
      "AZE ratification",
      "CAN signature",
      "QAT ratification",
      "VNM ratification",
    ]);
    const publicFacts = await handle.db.selectFrom("treaty_actions").select(["country_code", "action"]).where("treaty_id", "=", id).where("country_code", "in", ["ARE", "CAN", "QAT"]).execute();
    expect(publicFacts.filter((f) => f.country_code !== "QAT" || f.action !== "signature")).toEqual([]);
    const mentions = await handle.db.selectFrom("treaty_actions").select("source_url").where("source_url", "like", "%machineherald%").execute();
    expect(mentions).toEqual([]);
  });

  it("records no instrument for Azerbaijan: of its signature and ratification, only the signature stands", async () => {
    const azerbaijan = await handle.db
      .selectFrom("treaty_actions")
      .select("action")
      .where("treaty_id", "=", await treatyId())
      .where("country_code", "=", "AZE")
      .where("action", "in", ["signature", "ratification"])
      .execute();
    expect(azerbaijan.map((a) => a.action)).toEqual(["signature"]);
  });

  it("puts statements by others than participants apart, and adds the new process events to the timeline once", async () => {
    const id = await treatyId();
    const actors = await handle.db.selectFrom("actor_statements").select("actor_name").where("treaty_id", "=", id).execute();
    expect(actors).toHaveLength(8);
    const timeline = await handle.db.selectFrom("timeline_events").select(["occurred_on", "source_url"]).where("treaty_id", "=", id).execute();
    expect(timeline).toHaveLength(25);
    expect(timeline.filter((t) => t.occurred_on === "2025-10-13").map((t) => t.source_url)).toEqual(["https://eur-lex.europa.eu/legal-content/EL/TXT/HTML/?uri=OJ%3AL_202502307"]);
    expect(timeline.filter((t) => t.occurred_on === "2026-01-26")).toHaveLength(2);
  });

  it("changes nothing when run again, and leaves an organizer's decision on a lead alone", async () => {
    expect(firstRun.treaty_leads).toEqual({ inserted: 10, updated: 0 });
    const id = await treatyId();
    await handle.db
      .updateTable("treaty_leads")
      .set({ status: "dismissed", resolved_by_email: "o@example.org", resolved_at: new Date(), resolution_note: "AI-written" })
      .where("treaty_id", "=", id)
      .where("country_code", "=", "QAT")
      .execute();
    const before = await handle.db.selectFrom("treaty_leads").selectAll().orderBy("id").execute();
    const second = await seedDatabase(handle.db);
    for (const [table, count] of Object.entries(second)) expect({ table, ...count }).toEqual({ table, inserted: 0, updated: 0 });
    expect(await handle.db.selectFrom("treaty_leads").selectAll().orderBy("id").execute()).toEqual(before);
  });
});
