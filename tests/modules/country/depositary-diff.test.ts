import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffChangesNothing, diffDepositaryTable, factsToWrite, type DepositaryDiff, type HeldDepositaryFact } from "~/modules/country/depositary-diff";
import { parseDepositaryTable, type DepositaryParticipant } from "~/modules/country/depositary-table";

function fixtureParticipants(): DepositaryParticipant[] {
  const result = parseDepositaryTable(readFileSync(new URL("../../fixtures/depositary/participants.txt", import.meta.url), "utf8"));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.participants;
}

/** The database after applying a diff: what a correct apply step leaves behind. */
function applied(held: readonly HeldDepositaryFact[], diff: DepositaryDiff): HeldDepositaryFact[] {
  const gone = new Set(diff.noLongerInTable);
  const written = new Map(factsToWrite(diff).map((c) => [`${c.code3} ${c.kind}`, c.date]));
  return [
    ...held.filter((h) => !gone.has(h)).map((h) => (written.has(`${h.code3} ${h.kind}`) ? { ...h, date: written.get(`${h.code3} ${h.kind}`)!, confidence: "depositary" as const } : h)),
    ...diff.newFacts.map(({ code3, kind, date }) => ({ code3, kind, date, confidence: "depositary" as const })),
  ];
}

describe("diffDepositaryTable", () => {
  const participants = fixtureParticipants();

  it("on an empty database: every fact is new, the unknown name is listed with its row", () => {
    const diff = diffDepositaryTable(participants, []);
    expect(diff.newFacts).toHaveLength(16 + 8);
    expect(diff.newFacts[0]).toEqual({ code3: "AZE", name: "Azerbaijan", line: 4, kind: "signature", date: "2025-10-25", footnotes: [] });
    expect(diff.newFacts[1]).toEqual({ code3: "AZE", name: "Azerbaijan", line: 4, kind: "approval", date: "2026-02-12", footnotes: [] });
    expect(diff.newFacts.find((f) => f.code3 === "EUU" && f.kind === "formal_confirmation")).toMatchObject({ date: "2026-01-09" });
    expect(diff.unmatched).toEqual([{ line: 9, name: "Duchy of Grand Fenwick", code3: null }]);
    expect(diff.changedDates).toEqual([]);
    expect(diff.confidenceUpgrades).toEqual([]);
    expect(diff.noLongerInTable).toEqual([]);
  });

  it("a changed date, a fact the table no longer has, a new fact, and what is already there", () => {
    const held: HeldDepositaryFact[] = [
      { code3: "AZE", kind: "signature", date: "2025-10-25" },
      { code3: "KOR", kind: "signature", date: "2025-10-25" },
      { code3: "NOR", kind: "signature", date: null },
      { code3: "CHL", kind: "signature", date: "2025-10-25" },
      { code3: "PSE", kind: "accession", date: "2026-02-05" },
    ];
    const diff = diffDepositaryTable(participants.filter((p) => ["AZE", "KOR", "NOR", "PSE"].includes(p.code3 ?? "")), held);
    expect(diff.changedDates).toEqual([
      { code3: "NOR", name: "Norway", line: 16, kind: "signature", date: "2025-10-25", footnotes: [], from: null, held: held[2] },
      { code3: "KOR", name: "Republic of Korea", line: 17, kind: "signature", date: "2025-10-26", footnotes: [], from: "2025-10-25", held: held[1] },
    ]);
    expect(diff.newFacts.map((f) => [f.code3, f.kind])).toEqual([
      ["AZE", "approval"],
      ["NOR", "acceptance"],
      ["PSE", "signature"],
      ["PSE", "ratification"],
    ]);
    // Chile is not in the table; Palestine's instrument is a ratification, not the accession on record.
    expect(diff.noLongerInTable).toEqual([
      { code3: "CHL", kind: "signature", date: "2025-10-25" },
      { code3: "PSE", kind: "accession", date: "2026-02-05" },
    ]);
    expect(diff.unchanged).toBe(1);
    expect(diffChangesNothing(diff)).toBe(false);
  });

  it("a second import of the same table changes nothing", () => {
    const held: HeldDepositaryFact[] = [
      { code3: "KOR", kind: "signature", date: "2025-10-25" },
      { code3: "CHL", kind: "signature", date: "2025-10-25" },
    ];
    const first = diffDepositaryTable(participants, held);
    const second = diffDepositaryTable(participants, applied(held, first));
    expect(diffChangesNothing(first)).toBe(false);
    expect(second).toEqual({ newFacts: [], changedDates: [], confidenceUpgrades: [], noLongerInTable: [], unmatched: first.unmatched, unchanged: 24 });
    expect(diffChangesNothing(second)).toBe(true);
  });

  it("two facts of one country and kind: the one of the table's day stays, the other is no longer in it", () => {
    const held: HeldDepositaryFact[] = [
      { code3: "NOR", kind: "signature", date: "2025-11-01" },
      { code3: "NOR", kind: "signature", date: "2025-10-25" },
    ];
    const norway = participants.filter((p) => p.code3 === "NOR");
    const diff = diffDepositaryTable(norway, held);
    expect(diff.changedDates).toEqual([]);
    expect(diff.noLongerInTable).toEqual([{ code3: "NOR", kind: "signature", date: "2025-11-01" }]);
  });

  it("a participant matched to a country the database does not track is listed as unmatched, with its code", () => {
    const known = new Set(participants.flatMap((p) => (p.code3 && p.code3 !== "FSM" ? [p.code3] : [])));
    const diff = diffDepositaryTable(participants, [], known);
    expect(diff.unmatched).toEqual([
      { line: 9, name: "Duchy of Grand Fenwick", code3: null },
      { line: 14, name: "Micronesia (Federated States of)", code3: "FSM" },
    ]);
    expect(diff.newFacts.some((f) => f.code3 === "FSM")).toBe(false);
  });

  it("a fact held at a lower confidence on the table's day is confirmed: its confidence rises to the depositary's", () => {
    const held: HeldDepositaryFact[] = [
      { id: 1, code3: "AZE", kind: "approval", date: "2026-02-12", confidence: "press" },
      { id: 2, code3: "AZE", kind: "signature", date: "2025-10-25", confidence: "depositary" },
      { id: 3, code3: "NOR", kind: "acceptance", date: "2026-03-01", confidence: "official" },
      { id: 4, code3: "TUR", kind: "signature", date: "2025-10-25", confidence: "reported" },
    ];
    const diff = diffDepositaryTable(participants, held);
    expect(diff.confidenceUpgrades).toEqual([
      { code3: "AZE", name: "Azerbaijan", line: 4, kind: "approval", date: "2026-02-12", footnotes: [], from: "press", held: held[0] },
      { code3: "TUR", name: "Türkiye", line: 20, kind: "signature", date: "2025-10-25", footnotes: [], from: "reported", held: held[3] },
    ]);
    // On another day: a changed date (written with the depositary's confidence too), not an upgrade.
    expect(diff.changedDates).toEqual([expect.objectContaining({ code3: "NOR", kind: "acceptance", date: "2026-03-02", from: "2026-03-01", held: held[2] })]);
    expect(diff.unchanged).toBe(1);
    expect(factsToWrite(diff).filter((f) => ["AZE", "NOR", "TUR"].includes(f.code3)).map((f) => `${f.code3} ${f.kind}`)).toEqual([
      "NOR signature",
      "NOR acceptance",
      "AZE approval",
      "TUR signature",
    ]);
    expect(diffChangesNothing(diff)).toBe(false);
    expect(diffChangesNothing(diffDepositaryTable(participants, applied(held, diff)))).toBe(true);
  });

  it("a fact the table does not have is listed with its confidence and id, whatever its confidence", () => {
    const held: HeldDepositaryFact[] = [{ id: 9, code3: "DEU", kind: "signature", date: "2026-02-01", confidence: "press" }];
    expect(diffDepositaryTable(participants, held).noLongerInTable).toEqual(held);
  });
});
