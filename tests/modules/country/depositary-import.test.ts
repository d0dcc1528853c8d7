import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import {
  applyDepositaryImport,
  depositaryImportDefaults,
  depositaryImportReport,
  previewDepositaryImport,
  type DepositaryImportPreview,
} from "~/modules/country/depositary-import.service.server";
import { loadParticipantStanding, loadTreatyStandings } from "~/modules/country/treaty-standing.server";
import { openTestDatabase } from "../../support/database";

const TREATY = "un-cybercrime-convention";
const UNTC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18&clang=_en";
const PRESS = "https://news.example.org/viet-nam-ratifies";
const TODAY = "2026-12-05";
const AS_OF = "2026-03-05";
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/depositary/${name}`, import.meta.url), "utf8");
/**
 * The depositary's participant table as a browser copies it: every marker after a date (AA, A,
 * a, d, c and none), footnote numbers after names and dates, the depositary's own names
 * (Türkiye, Viet Nam, Iran (Islamic Republic of), State of Palestine, European Union, Holy See),
 * a name of no country (Duchy of Grand Fenwick), and Korea's signature on another day than ours.
 */
const TABLE = fixture("participants.txt");

let handle: DatabaseHandle;
let actor: { id: number; email: string };
const held: Record<string, number> = {};

const request = (over: Partial<{ input: string; format: string; sourceUrl: string; asOf: string; today: string }> = {}) => ({
  treatySlug: TREATY,
  input: TABLE,
  sourceUrl: UNTC,
  asOf: AS_OF,
  today: TODAY,
  ...over,
});

async function preview(over: Parameters<typeof request>[0] = {}): Promise<DepositaryImportPreview> {
  const result = await previewDepositaryImport(handle.db, request(over));
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

/** Everything an import could touch, to show that a refused one touched nothing. */
async function snapshot() {
  const [facts, audit, changes, statusChanges, treaty] = await Promise.all([
    handle.db.selectFrom("treaty_actions").select(["id", "country_code", "action", "acted_on", "confidence", "source_url", "notes", "updated_at"]).orderBy("id").execute(),
    handle.db.selectFrom("audit_log").select("id").execute(),
    handle.db.selectFrom("fact_changes").select("id").execute(),
    handle.db.selectFrom("country_status_changes").select("id").execute(),
    handle.db.selectFrom("treaties").select("depositary_checked_on").where("slug", "=", TREATY).executeTakeFirstOrThrow(),
  ]);
  return { facts, audit: audit.length, changes: changes.length, statusChanges: statusChanges.length, checkedOn: treaty.depositary_checked_on };
}

const factOf = (code3: string, action: string) =>
  handle.db
    .selectFrom("treaty_actions")
    .select(["id", "acted_on", "confidence", "source_url", "notes"])
    .where("country_code", "=", code3)
    .where("action", "=", action as "signature")
    .executeTakeFirst();

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  const organizer = await handle.db.insertInto("organizers").values({ email: "importer@example.org", role: "organizer" }).returning(["id", "email"]).executeTakeFirstOrThrow();
  actor = { id: organizer.id, email: organizer.email };
  // A known starting point instead of the seed's facts.
  const { id: treatyId } = await handle.db.selectFrom("treaties").select("id").where("slug", "=", TREATY).executeTakeFirstOrThrow();
  await handle.db.deleteFrom("treaty_actions").where("treaty_id", "=", treatyId).execute();
  await handle.db.updateTable("treaties").set({ depositary_checked_on: null }).where("id", "=", treatyId).execute();
  const start = [
    { country_code: "KOR", action: "signature", acted_on: "2025-10-25", source_url: UNTC, confidence: "depositary" }, // the table says 26 Oct
    { country_code: "VNM", action: "ratification", acted_on: "2026-01-09", source_url: PRESS, confidence: "press" }, // the table confirms it
    { country_code: "TUR", action: "signature", acted_on: "2025-10-25", source_url: UNTC, confidence: "depositary" }, // as in the table
    { country_code: "CHL", action: "signature", acted_on: "2025-10-25", source_url: UNTC, confidence: "depositary" }, // not in the table
    { country_code: "DEU", action: "signature", acted_on: "2026-02-01", source_url: PRESS, confidence: "reported" }, // not in the table
  ] as const;
  for (const fact of start) {
    const row = await handle.db
      .insertInto("treaty_actions")
      .values({ treaty_id: treatyId, notes: "", ...fact })
      .returning("id")
      .executeTakeFirstOrThrow();
    held[fact.country_code] = row.id;
  }
});
afterAll(() => handle.close());

describe("a depositary import refused: nothing changes", () => {
  it("a malformed table: every problem with its line, and nothing written", async () => {
    const before = await snapshot();
    const broken = TABLE.replace("26 Oct 2025", "26 Octobre 2025").replace("Norway\t25 Oct 2025", "Norway\t25 Oct 2025 A");
    const refused = await previewDepositaryImport(handle.db, request({ input: broken }));
    expect(refused).toMatchObject({ ok: false, reason: "invalid", errors: { input: "depositaryImport.errors.table" } });
    expect(refused.ok ? [] : refused.tableErrors).toEqual([
      { line: 16, problem: "marker_in_signature", column: "signature", text: "25 Oct 2025 A" },
      { line: 17, problem: "not_a_date", column: "signature", text: "26 Octobre 2025" },
    ]);
    expect(await applyDepositaryImport(handle.db, { ...request({ input: broken }), actor })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await applyDepositaryImport(handle.db, { ...request({ input: "Participant\tSignature\n" }), actor })).toMatchObject({
      ok: false,
      errors: { input: "depositaryImport.errors.table" },
      tableErrors: [{ problem: "no_header" }],
    });
    expect(await applyDepositaryImport(handle.db, { ...request({ input: "  " }), actor })).toMatchObject({ ok: false, errors: { input: "depositaryImport.errors.inputRequired" } });
    expect(await snapshot()).toEqual(before);
  });

  it("an as-of date after today, or not a date, and a source that is not the UN Treaty Collection", async () => {
    const before = await snapshot();
    expect(await applyDepositaryImport(handle.db, { ...request({ asOf: "2026-12-06" }), actor })).toMatchObject({ ok: false, errors: { asOf: "depositaryImport.errors.asOfFuture" } });
    expect(await applyDepositaryImport(handle.db, { ...request({ asOf: "2026-02-30" }), actor })).toMatchObject({ ok: false, errors: { asOf: "depositaryImport.errors.asOf" } });
    for (const sourceUrl of [PRESS, "http://treaties.un.org/Pages/ViewDetails.aspx", "https://treaties.un.org.example.com/x", "https://www.un.org/en/"]) {
      expect(await applyDepositaryImport(handle.db, { ...request({ sourceUrl }), actor }), sourceUrl).toMatchObject({
        ok: false,
        errors: { sourceUrl: "depositaryImport.errors.sourceNotDepositary" },
      });
    }
    expect(await previewDepositaryImport(handle.db, request({ sourceUrl: " " }))).toMatchObject({ ok: false, errors: { sourceUrl: "depositaryImport.errors.sourceRequired" } });
    expect(await previewDepositaryImport(handle.db, request({ format: "xls" }))).toMatchObject({ ok: false, errors: { format: "depositaryImport.errors.format" } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("a depositary import", () => {
  it("previews every change and writes nothing: new facts by marker, a changed date, a confirmed press fact, an unknown name, facts no longer in the table", async () => {
    const before = await snapshot();
    const p = await preview();
    expect(p).toMatchObject({ format: "text", participants: 20, asOf: AS_OF, lastCheckedOn: null, checkedOnAfter: AS_OF, nothingToWrite: false });
    const kinds = (facts: readonly { code3: string; kind: string; date: string | null }[]) => facts.map((f) => `${f.code3} ${f.kind} ${f.date}`);
    expect(kinds(p.diff.newFacts)).toEqual(
      expect.arrayContaining([
        "AZE approval 2026-02-12",
        "NOR acceptance 2026-03-02",
        "VAT accession 2026-03-03",
        "MNE succession 2026-01-15",
        "EUU signature 2025-10-25",
        "EUU formal_confirmation 2026-01-09",
        "PSE signature 2025-10-25",
        "PSE ratification 2026-02-05",
        "IRN signature 2025-10-25",
        "VNM signature 2025-10-25",
        "RUS signature 2025-10-25",
        "GBR signature 2025-10-25",
        "CIV signature 2025-10-25",
        "LAO signature 2025-10-25",
        "FSM accession 2026-02-20",
      ]),
    );
    expect(p.diff.newFacts).toHaveLength(16 + 8 - 3);
    expect(p.diff.changedDates).toEqual([expect.objectContaining({ code3: "KOR", kind: "signature", date: "2025-10-26", from: "2025-10-25" })]);
    expect(p.diff.confidenceUpgrades).toEqual([expect.objectContaining({ code3: "VNM", kind: "ratification", date: "2026-01-09", from: "press", held: expect.objectContaining({ id: held.VNM }) })]);
    expect(p.diff.unmatched).toEqual([{ line: 9, name: "Duchy of Grand Fenwick", code3: null }]);
    expect(p.diff.noLongerInTable.map((h) => [h.code3, h.id, h.confidence])).toEqual([
      ["CHL", held.CHL, "depositary"],
      ["DEU", held.DEU, "reported"],
    ]);
    expect(p.diff.unchanged).toBe(1);
    expect(p.code2).toMatchObject({ KOR: "KR", EUU: "EU", VNM: "VN", CHL: "CL" });
    expect(await snapshot()).toEqual(before);
  });

  it("reads the same table as HTML and as CSV, and gives the same changes", async () => {
    const text = await preview();
    const strip = (p: DepositaryImportPreview) => ({
      added: p.diff.newFacts.map(({ code3, kind, date, footnotes }) => [code3, kind, date, footnotes]),
      changed: p.diff.changedDates.map(({ code3, kind, date }) => [code3, kind, date]),
      confirmed: p.diff.confidenceUpgrades.map(({ code3, kind }) => [code3, kind]),
      unmatched: p.diff.unmatched.map((u) => u.name),
      gone: p.diff.noLongerInTable,
    });
    const html = await preview({ input: fixture("participants.html"), format: "html" });
    const csv = await preview({ input: fixture("participants.csv") });
    expect(html.format).toBe("html");
    expect(csv.format).toBe("csv");
    expect(strip(html)).toEqual(strip(text));
    expect(strip(csv)).toEqual(strip(text));
  });

  it("applies in one go: each fact with the source and the depositary's confidence, the as-of date, one audit entry, status changes", async () => {
    const p = await preview();
    const applied = await applyDepositaryImport(handle.db, { ...request(), actor, expectedToken: p.token });
    if (!applied.ok) throw new Error(JSON.stringify(applied));
    expect(applied.report).toMatchObject({ added: 21, changedDates: 1, confirmed: 1, removed: 0, kept: 2, unchanged: 1, checkedOn: AS_OF, nothingChanged: false });
    expect(applied.report.unmatched).toEqual([{ line: 9, name: "Duchy of Grand Fenwick", code3: null }]);

    expect(await factOf("KOR", "signature")).toMatchObject({ acted_on: "2025-10-26", confidence: "depositary", source_url: UNTC });
    expect(await factOf("VNM", "ratification")).toMatchObject({ id: held.VNM, acted_on: "2026-01-09", confidence: "depositary", source_url: UNTC });
    expect(await factOf("AZE", "approval")).toMatchObject({ acted_on: "2026-02-12", confidence: "depositary", source_url: UNTC, notes: "Footnotes 1 of the depositary's table." });
    expect(await factOf("RUS", "signature")).toMatchObject({ notes: "Footnotes 2, 3 of the depositary's table." });
    expect(await factOf("VAT", "accession")).toMatchObject({ acted_on: "2026-03-03", notes: "Footnotes 5 of the depositary's table." });
    expect(await factOf("CHL", "signature")).toMatchObject({ id: held.CHL });
    expect(await factOf("DEU", "signature")).toMatchObject({ id: held.DEU });

    const { treaty, headline } = await loadTreatyStandings(handle.db, TREATY, TODAY);
    expect(treaty.depositaryCheckedOn).toBe(AS_OF);
    expect(headline.asOf).toBe(AS_OF);
    // Azerbaijan, Micronesia, Montenegro, Norway, Palestine, the Holy See, Viet Nam; the EU's formal confirmation is not among the 40.
    expect(headline.instruments).toMatchObject({ confirmed: 7, needed: 40 });
    expect(headline.instrumentsNotCounted).toBe(1);
    expect((await loadParticipantStanding(handle.db, TREATY, "EUU", TODAY))?.standing.confirmed).toBe("party");
    expect((await loadParticipantStanding(handle.db, TREATY, "AZE", TODAY))?.standing.confirmed).toBe("party");

    const audit = await depositaryImportReport(handle.db, applied.auditId);
    expect(audit).toMatchObject({ actorEmail: actor.email, added: 21, unmatched: [{ name: "Duchy of Grand Fenwick" }] });
    const changes = await handle.db.selectFrom("country_status_changes").select(["country_code", "from_status", "to_status", "cause"]).execute();
    expect(changes).toEqual(
      expect.arrayContaining([
        { country_code: "AZE", from_status: "not_signed", to_status: "party", cause: "import" },
        { country_code: "VNM", from_status: "not_signed", to_status: "party", cause: "import" },
        { country_code: "IRN", from_status: "not_signed", to_status: "signed", cause: "import" },
      ]),
    );
    expect(changes.some((c) => c.country_code === "TUR" || c.country_code === "KOR")).toBe(false);
    expect(applied.report.statusChanges.length).toBe(changes.length);
  });

  it("a second import of the same table changes no fact and says there is nothing to change", async () => {
    const before = await snapshot();
    const p = await preview();
    expect(p.nothingToWrite).toBe(true);
    expect(p.diff).toMatchObject({ newFacts: [], changedDates: [], confidenceUpgrades: [], unchanged: 24 });
    const again = await applyDepositaryImport(handle.db, { ...request(), actor, expectedToken: p.token });
    expect(again).toMatchObject({ ok: true, report: { nothingChanged: true, added: 0, changedDates: 0, confirmed: 0, removed: 0, kept: 2, unchanged: 24 } });
    const after = await snapshot();
    expect(after.facts).toEqual(before.facts);
    expect(after.changes).toBe(before.changes);
    expect(after.statusChanges).toBe(before.statusChanges);
    expect(after.audit).toBe(before.audit + 1);
  });

  it("an older table does not move the as-of date backwards; a newer one moves it forward", async () => {
    const older = await preview({ asOf: "2026-03-01" });
    expect(older).toMatchObject({ lastCheckedOn: AS_OF, checkedOnAfter: AS_OF });
    await applyDepositaryImport(handle.db, { ...request({ asOf: "2026-03-01" }), actor, expectedToken: older.token });
    expect((await snapshot()).checkedOn).toBe(AS_OF);
    const newer = await preview({ asOf: "2026-03-10" });
    expect(await applyDepositaryImport(handle.db, { ...request({ asOf: "2026-03-10" }), actor, expectedToken: newer.token })).toMatchObject({ ok: true, report: { checkedOn: "2026-03-10" } });
    expect((await snapshot()).checkedOn).toBe("2026-03-10");
  });

  it("refuses to apply what the organizer did not see: the facts changed since the preview, or a fact to remove that the table still has", async () => {
    const seen = await preview({ asOf: "2026-03-10" });
    await handle.db.updateTable("treaty_actions").set({ acted_on: "2025-10-27" }).where("id", "=", (await factOf("KOR", "signature"))!.id).execute();
    const before = await snapshot();
    const stale = await applyDepositaryImport(handle.db, { ...request({ asOf: "2026-03-10" }), actor, expectedToken: seen.token });
    expect(stale).toMatchObject({ ok: false, reason: "stale", preview: { diff: { changedDates: [expect.objectContaining({ code3: "KOR", from: "2025-10-27" })] } } });
    const forged = await applyDepositaryImport(handle.db, { ...request({ asOf: "2026-03-10" }), actor, removeFactIds: [held.TUR!] });
    expect(forged).toMatchObject({ ok: false, reason: "stale" });
    expect(await snapshot()).toEqual(before);
    const fresh = stale.ok === false && stale.reason === "stale" ? stale.preview : null;
    expect(await applyDepositaryImport(handle.db, { ...request({ asOf: "2026-03-10" }), actor, expectedToken: fresh!.token })).toMatchObject({ ok: true, report: { changedDates: 1 } });
    expect(await factOf("KOR", "signature")).toMatchObject({ acted_on: "2025-10-26" });
  });

  it("removes a fact the table no longer has only when the organizer ticked it, and keeps it in the history", async () => {
    const p = await preview({ asOf: "2026-03-10" });
    const applied = await applyDepositaryImport(handle.db, { ...request({ asOf: "2026-03-10" }), actor, expectedToken: p.token, removeFactIds: [held.DEU!] });
    expect(applied).toMatchObject({ ok: true, report: { removed: 1, kept: 1, nothingChanged: false } });
    expect(await factOf("DEU", "signature")).toBeUndefined();
    expect(await factOf("CHL", "signature")).toMatchObject({ id: held.CHL });
    const history = await handle.db.selectFrom("fact_changes").select(["before", "after", "cause"]).where("country_code", "=", "DEU").execute();
    expect(history).toEqual([{ before: expect.objectContaining({ acted_on: "2026-02-01", confidence: "reported" }), after: null, cause: "import" }]);
  });

  it("prefills the form with the treaty's page in the UN Treaty Collection and its last check", async () => {
    expect(await depositaryImportDefaults(handle.db, TREATY)).toEqual({
      sourceUrl: "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml",
      lastCheckedOn: "2026-03-10",
    });
    expect(await depositaryImportReport(handle.db, 999_999)).toBeNull();
  });
});
