import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { isDatabaseEmpty, publicNotes, seedDatabase, type SeedReport } from "../../db/seed";
import { openTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let firstRun: SeedReport;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  expect(await isDatabaseEmpty(handle.db)).toBe(true);
  firstRun = await seedDatabase(handle.db);
});
afterAll(async () => handle?.close());

async function snapshot() {
  const { db } = handle;
  return {
    countries: await db.selectFrom("countries").selectAll().orderBy("code3").execute(),
    actions: await db.selectFrom("treaty_actions").select(["country_code", "action", "acted_on", "source_url", "notes", "updated_at"]).orderBy("country_code").execute(),
    statements: await db.selectFrom("country_statements").select(["country_code", "stated_on", "stance", "summary", "source_url", "updated_at"]).orderBy("id").execute(),
    votes: await db.selectFrom("country_votes").selectAll().orderBy(["recorded_vote_id", "country_code"]).execute(),
    recorded: await db.selectFrom("recorded_votes").selectAll().orderBy("reference").execute(),
    timeline: await db.selectFrom("timeline_events").selectAll().orderBy("occurred_on").execute(),
  };
}

describe("seeding", () => {
  it("loads every UN member State, the two observer States and the EU", async () => {
    expect(firstRun.countries).toEqual({ inserted: 196, updated: 0 });
    const kinds = await handle.db.selectFrom("countries").select(({ fn }) => ["kind", fn.countAll<string>().as("n")]).groupBy("kind").orderBy("kind").execute();
    expect(kinds.map((k) => [k.kind, Number(k.n)])).toEqual([
      ["member_state", 193],
      ["observer_state", 2],
      ["organization", 1],
    ]);
    const eu = await handle.db.selectFrom("countries").selectAll().where("code3", "=", "EUU").executeTakeFirstOrThrow();
    expect(eu.code2).toBe("EU");
  });

  it("keeps a source URL on every fact", async () => {
    const { actions, statements, votes, recorded, timeline } = await snapshot();
    for (const row of [...actions, ...statements, ...votes, ...recorded, ...timeline]) {
      expect(row.source_url).toMatch(/^https?:\/\/\S+$/);
    }
    // 73 signatures, and 6 facts of 2026: two domestic steps, two declarations, two statements.
    expect(actions).toHaveLength(79);
    // statements.csv's 20, and the 5 by participants in statements-extra.csv.
    expect(statements).toHaveLength(25);
    // timeline.csv's 21, and the 4 process events of events-2026.csv it did not have.
    expect(timeline).toHaveLength(25);
  });

  it("keeps an unconfirmed signature date empty rather than inventing one", async () => {
    const uk = await handle.db.selectFrom("treaty_actions").selectAll().where("country_code", "=", "GBR").executeTakeFirstOrThrow();
    expect(uk.acted_on).toBeNull();
    expect(uk.notes).toMatch(/25.26 Oct 2025/);
  });

  it("derives recorded-vote tallies that match the official totals", async () => {
    const { recorded } = await snapshot();
    const byRef = Object.fromEntries(recorded.map((r) => [r.reference, r]));
    expect(byRef["A/RES/74/247"]).toMatchObject({ yes_count: 79, no_count: 60, abstain_count: 33, absent_count: 21, voted_on: "2019-12-27" });
    expect(byRef["A/RES/73/187"]).toMatchObject({ yes_count: 94, no_count: 59, abstain_count: 33, absent_count: 7 });
    expect(byRef["AHC-2024-08-08-IRN-1"]).toMatchObject({ yes_count: 23, no_count: 102, abstain_count: 26, absent_count: null });
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot();
    const secondRun = await seedDatabase(handle.db);
    for (const [table, count] of Object.entries(secondRun)) {
      expect({ table, ...count }).toEqual({ table, inserted: 0, updated: 0 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("updates only the fact whose sourced value changed", async () => {
    await handle.db.updateTable("treaty_actions").set({ notes: "edited by hand" }).where("country_code", "=", "FRA").execute();
    const report = await seedDatabase(handle.db);
    expect(report.treaty_actions).toEqual({ inserted: 0, updated: 1 });
    const france = await handle.db.selectFrom("treaty_actions").select("notes").where("country_code", "=", "FRA").executeTakeFirstOrThrow();
    expect(france.notes).not.toBe("edited by hand");
  });
});

describe("publicNotes", () => {
  it("drops the sentences about our own data files and keeps the rest as written", () => {
    expect(publicNotes("Also reported by report.az. timeline.csv and statements.csv already have this event. No deposit date found.")).toBe(
      "Also reported by report.az. No deposit date found.",
    );
    expect(publicNotes("timeline.csv already has this event.")).toBe("");
    expect(publicNotes("Art. 7(2): only with dishonest intent. See https://example.org/a.b for the text")).toBe("Art. 7(2): only with dishonest intent. See https://example.org/a.b for the text");
  });

  it("leaves no such sentence in the facts the seed loads", async () => {
    const notes = await handle.db.selectFrom("treaty_actions").select("notes").execute();
    expect(notes.filter((n) => /\.csv\b/u.test(n.notes))).toEqual([]);
  });
});
