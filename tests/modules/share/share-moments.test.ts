import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { liveCampaignsOfTreaty, publicCampaignTitle } from "~/modules/campaign/campaign-asks.service.server";
import { nextActionsAfter } from "~/modules/share/next-actions.service.server";
import { openTestDatabase } from "../../support/database";

const TREATY = "un-cybercrime-convention";
const PETITION = "stop-the-cybercrime-convention";
const LETTERS = "write-to-your-government";
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
});
afterAll(async () => handle?.close());

describe("the live campaigns, as the home page lists them", () => {
  it("lists each live petition and letter campaign with its title in the reader's language, count and goal", async () => {
    const live = await liveCampaignsOfTreaty(handle.db, TREATY, "fr");
    expect(live.map((c) => [c.kind, c.slug])).toEqual([
      ["petition", PETITION],
      ["letter_campaign", LETTERS],
    ]);
    expect(live[0]).toMatchObject({ count: 0, goal: 100000, titleLanguage: "fr" });
    expect(await liveCampaignsOfTreaty(handle.db, "no-such-treaty", "en")).toEqual([]);
  });

  it("leaves out a campaign once it is no longer live", async () => {
    await handle.db.updateTable("letter_campaigns").set({ status: "closed" }).where("slug", "=", LETTERS).execute();
    try {
      expect((await liveCampaignsOfTreaty(handle.db, TREATY, "en")).map((c) => c.slug)).toEqual([PETITION]);
      // A closed campaign's page still says what it was: its title is public.
      expect(await publicCampaignTitle(handle.db, "letter_campaign", LETTERS, "en")).toMatchObject({ slug: LETTERS });
    } finally {
      await handle.db.updateTable("letter_campaigns").set({ status: "live" }).where("slug", "=", LETTERS).execute();
    }
    expect(await publicCampaignTitle(handle.db, "petition", "no-such-petition", "en")).toBeNull();
  });
});

describe("the next step after an action", () => {
  const germany = { code3: "DEU", segment: "deu", name: "Germany" };

  it("after signing from a country with people to write to: the letter campaign, opened on that country, then following it", async () => {
    const next = await nextActionsAfter(handle.db, { treatySlug: TREATY, lng: "en", done: { kind: "petition", slug: PETITION }, country: germany, followFormShown: false });
    expect(next).toEqual([
      expect.objectContaining({ kind: "letter_campaign", slug: LETTERS, country: "deu" }),
      { kind: "follow", country: "deu", countryName: "Germany" },
    ]);
  });

  it("after signing from a country with no one to write to: following it only", async () => {
    const next = await nextActionsAfter(handle.db, { treatySlug: TREATY, lng: "en", done: { kind: "petition", slug: PETITION }, country: { code3: "ISL", segment: "isl", name: "Iceland" }, followFormShown: false });
    expect(next.map((a) => a.kind)).toEqual(["follow"]);
  });

  it("after writing: the petition; the follow form of the page is not offered twice", async () => {
    const next = await nextActionsAfter(handle.db, { treatySlug: TREATY, lng: "en", done: { kind: "letter_campaign", slug: LETTERS }, country: germany, followFormShown: true });
    expect(next).toEqual([expect.objectContaining({ kind: "petition", slug: PETITION })]);
  });
});
