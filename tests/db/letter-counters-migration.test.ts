import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { migrateToJustBefore, openTestDatabase } from "../support/database";

const COUNTERS = "2026-12-05T0100_letter_counters";
let handle: DatabaseHandle;
let campaigns: Record<"busy" | "quiet" | "unwritten", number>;

beforeAll(async () => {
  handle = await openTestDatabase();
  // The database as it was before: every migration up to the one that counts letters.
  await migrateToJustBefore(handle.db, COUNTERS);
  await sql`insert into countries (code3, code2, kind, reference_name, region, subregion) values ('FRA', 'FR', 'member_state', 'France', 'Europe', 'Western Europe')`.execute(handle.db);
  const ids = await sql<{ id: number; slug: string }>`
    insert into letter_campaigns (slug, status, default_language, opened_at)
    values ('busy', 'live', 'en', now()), ('quiet', 'closed', 'en', now()), ('unwritten', 'live', 'en', now())
    returning id, slug`.execute(handle.db);
  campaigns = Object.fromEntries(ids.rows.map((r) => [r.slug, r.id])) as typeof campaigns;
  const letter = (campaignId: number, status: "pending" | "confirmed" | "expired") =>
    sql`(${campaignId}, 'FRA', 'en', ${status}, 'Ann', 'ann@example.org', 'S', 'B', 'P', ${status === "confirmed" ? sql`now()` : null})`;
  await sql`
    insert into letters (campaign_id, country_code, language, status, sender_name, sender_email, subject, body, personal_paragraph, confirmed_at)
    values ${sql.join([
      letter(campaigns.busy, "confirmed"),
      letter(campaigns.busy, "confirmed"),
      letter(campaigns.busy, "confirmed"),
      letter(campaigns.busy, "pending"),
      letter(campaigns.busy, "expired"),
      letter(campaigns.quiet, "confirmed"),
      letter(campaigns.unwritten, "pending"),
    ])}`.execute(handle.db);
  await migrateToLatest(handle.db);
});
afterAll(async () => handle?.close());

describe("counting letters in counter rows", () => {
  it("starts each campaign's counter at its confirmed letters, and none for a campaign without one", async () => {
    const rows = await handle.db.selectFrom("letter_counts").select(["campaign_id", "confirmed"]).orderBy("campaign_id").execute();
    expect(rows.map((r) => [r.campaign_id, Number(r.confirmed)])).toEqual([
      [campaigns.busy, 3],
      [campaigns.quiet, 1],
    ]);
    expect(await handle.db.selectFrom("letter_count_changes").selectAll().execute()).toEqual([]);
  });

  it("refuses a negative count, a change other than +1 or −1, and a campaign that does not exist", async () => {
    await expect(handle.db.updateTable("letter_counts").set({ confirmed: -1 }).where("campaign_id", "=", campaigns.quiet).execute()).rejects.toThrow(/check/i);
    await expect(sql`insert into letter_count_changes (campaign_id, delta) values (${campaigns.busy}, 2)`.execute(handle.db)).rejects.toThrow(/check/i);
    await expect(handle.db.insertInto("letter_count_changes").values({ campaign_id: 999_999, delta: 1 }).execute()).rejects.toThrow(/foreign key/i);
    await expect(handle.db.insertInto("letter_counts").values({ campaign_id: campaigns.busy }).execute()).rejects.toThrow(/unique|duplicate/i);
  });

  it("goes with its campaign", async () => {
    await handle.db.insertInto("letter_count_changes").values({ campaign_id: campaigns.quiet, delta: 1 }).execute();
    await handle.db.deleteFrom("letter_campaigns").where("id", "=", campaigns.quiet).execute();
    expect(await handle.db.selectFrom("letter_counts").select("campaign_id").where("campaign_id", "=", campaigns.quiet).execute()).toEqual([]);
    expect(await handle.db.selectFrom("letter_count_changes").select("campaign_id").where("campaign_id", "=", campaigns.quiet).execute()).toEqual([]);
  });
});
