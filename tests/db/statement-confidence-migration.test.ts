import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { sourceConfidence } from "../../db/treaty-actions";
import { migrateToJustBefore, openTestDatabase } from "../support/database";

const STATEMENT_CONFIDENCE = "2026-12-05T0300_statement_confidence";
const SOURCES = [
  "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml",
  "https://www.gov.uk/government/speeches/x",
  "https://home-affairs.ec.europa.eu/policies/x",
  "https://therecord.media/cybercrime-treaty-signing-hanoi",
];
let handle: DatabaseHandle;
let treatyId: number;

beforeAll(async () => {
  handle = await openTestDatabase();
  // The database as it was before statements had a confidence, with statements in it.
  await migrateToJustBefore(handle.db, STATEMENT_CONFIDENCE);
  await sql`insert into countries (code3, code2, kind, reference_name, region, subregion) values ('FRA', 'FR', 'member_state', 'France', 'Europe', 'Western Europe')`.execute(handle.db);
  const treaty = await sql<{ id: number }>`insert into treaties (slug, ratifications_for_entry_into_force, source_url) values ('t', 40, 'https://treaties.un.org/x') returning id`.execute(handle.db);
  treatyId = treaty.rows[0]!.id;
  for (const source of SOURCES) {
    await sql`insert into country_statements (treaty_id, country_code, stance, summary, source_url) values (${treatyId}, 'FRA', 'mixed', 'Said something.', ${source})`.execute(handle.db);
    await sql`insert into actor_statements (treaty_id, actor_name, stance, summary, source_url) values (${treatyId}, 'A group', 'opposes', 'Said something.', ${source})`.execute(handle.db);
  }
  await migrateToLatest(handle.db);
});
afterAll(async () => handle?.close());

describe("statement confidence", () => {
  it("backfills every statement's confidence from its source, by the rule treaty facts use", async () => {
    const expected = SOURCES.map((source) => [source, sourceConfidence(source)]);
    expect(expected.map(([, c]) => c)).toEqual(["depositary", "official", "official", "press"]);
    for (const table of ["country_statements", "actor_statements"] as const) {
      const rows = await handle.db.selectFrom(table).select(["source_url", "confidence"]).orderBy("id").execute();
      expect(rows.map((r) => [r.source_url, r.confidence])).toEqual(expected);
    }
  });

  it("refuses a statement without a confidence or with one outside the scale", async () => {
    const insert = (table: "country_statements" | "actor_statements", confidence: string | null) =>
      table === "country_statements"
        ? sql`insert into country_statements (treaty_id, country_code, stance, summary, source_url, confidence) values (${treatyId}, 'FRA', 'mixed', 'S', 'https://example.org/new', ${confidence})`.execute(handle.db)
        : sql`insert into actor_statements (treaty_id, actor_name, stance, summary, source_url, confidence) values (${treatyId}, 'B', 'mixed', 'S', 'https://example.org/new', ${confidence})`.execute(handle.db);
    for (const table of ["country_statements", "actor_statements"] as const) {
      await expect(insert(table, null)).rejects.toThrow(/null/i);
      await expect(insert(table, "low")).rejects.toThrow(/check/i);
      await expect(insert(table, "reported")).resolves.toBeDefined();
    }
  });
});
