import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { confirmedLetterCount } from "~/modules/letter/letter-count-cache.server";
import { findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { openTestDatabase } from "../../support/database";
import { testConfig } from "../../support/test-config";

let handle: DatabaseHandle;
let campaignId: number;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  campaignId = (await findLetterCampaign(handle.db, "write-to-your-government"))!.campaign.id;
});
afterAll(async () => {
  await handle.close();
});

const letter = (status: "pending" | "confirmed") => ({
  campaign_id: campaignId,
  country_code: "FRA",
  language: "fr",
  status,
  sender_name: "Nadia",
  sender_email: `nadia.${status}.${Math.random()}@example.org`,
  subject: "Ne ratifiez pas",
  body: "Madame, Monsieur,",
  personal_paragraph: "Mon propre paragraphe.",
  confirmed_at: status === "confirmed" ? new Date() : null,
});

const CACHE_MS = testConfig().caches.letterCountMs;

describe("confirmedLetterCount", () => {
  it("counts confirmed letters only, once per cache life per process", async () => {
    const t0 = Date.UTC(2026, 10, 29, 12);
    expect(await confirmedLetterCount(handle.db, campaignId, CACHE_MS, t0)).toBe(0);
    await handle.db.insertInto("letters").values([letter("confirmed"), letter("confirmed"), letter("pending")]).execute();
    // Within the 5 s default the page keeps showing what was counted.
    expect(await confirmedLetterCount(handle.db, campaignId, CACHE_MS, t0 + 4_999)).toBe(0);
    expect(await confirmedLetterCount(handle.db, campaignId, CACHE_MS, t0 + 5_000)).toBe(2);
  });
});
