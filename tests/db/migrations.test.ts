import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest, migrationStatus } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { openTestDatabase } from "../support/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => handle?.close());

describe("migrations", () => {
  it("report pending migrations on an empty database", async () => {
    const status = await migrationStatus(handle.db);
    expect(status.current).toBe(false);
    expect(status.pending).toEqual(Object.keys(migrations));
  });

  it("apply every migration once, then are current", async () => {
    expect(await migrateToLatest(handle.db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(handle.db)).toEqual([]);
    expect(await migrationStatus(handle.db)).toEqual({ current: true, pending: [] });
  });

  it("make the database refuse facts without a source URL", async () => {
    const { db } = handle;
    await db.insertInto("countries").values({
      code3: "FRA",
      code2: "FR",
      kind: "member_state",
      reference_name: "France",
      region: "Europe",
      subregion: "Western Europe",
      un_regional_group: null,
    }).execute();
    const treaty = await db
      .insertInto("treaties")
      .values({ slug: "test-treaty", ratifications_for_entry_into_force: 40, adopted_on: null, opened_for_signature_on: null, source_url: "https://example.org/treaty" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const fact = { treaty_id: treaty.id, country_code: "FRA", action: "signature" as const, acted_on: "2025-10-25", notes: "", confidence: "depositary" as const };
    await expect(db.insertInto("treaty_actions").values({ ...fact, source_url: "not a url" }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto("treaty_actions").values({ ...fact, source_url: "https://example.org/a" }).execute()).resolves.toBeDefined();
    // One signature per country per treaty.
    await expect(db.insertInto("treaty_actions").values({ ...fact, source_url: "https://example.org/b" }).execute()).rejects.toThrow(/unique|duplicate/i);
    // Facts only about known countries.
    await expect(
      db.insertInto("treaty_actions").values({ ...fact, country_code: "ZZZ", source_url: "https://example.org/c" }).execute(),
    ).rejects.toThrow(/foreign key/i);
    // Dates stay calendar days, not timestamps shifted by a time zone.
    const row = await db.selectFrom("treaty_actions").select("acted_on").executeTakeFirstOrThrow();
    expect(row.acted_on).toBe("2025-10-25");
  });

  it("refuse malformed country codes", async () => {
    await expect(
      sql`insert into countries (code3, code2, kind, reference_name, region, subregion) values ('fr', 'F1', 'member_state', 'x', 'r', 's')`.execute(handle.db),
    ).rejects.toThrow(/check/i);
  });
});
