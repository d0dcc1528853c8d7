import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../db/seeds/demo";
import { applyCountChanges, countOf, recordCountChanges } from "~/modules/campaign/counter.server";
import { letterConfirmUrlFor } from "~/modules/letter/letter-links.server";
import { getLetterPage } from "~/modules/letter/letter-page.service.server";
import { findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { confirmLetter } from "~/modules/letter/letter.service.server";
import { erasePerson } from "~/modules/organizer/privacy.service.server";
import { openTestDatabase } from "../../support/database";

// On PGlite (one connection) the "simultaneous" calls below queue; with DATABASE_URL they race.
let handle: DatabaseHandle;
let campaignId: number;
const SLUG = "write-to-your-government";
const secrets = ["test-secret"];

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  campaignId = (await findLetterCampaign(handle.db, SLUG))!.campaign.id;
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.deleteFrom("letters").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("letter_count_changes").execute();
  await handle.db.deleteFrom("letter_counts").execute();
});

/** Letters awaiting their sender's confirmation (no recipients: only the count matters here). */
async function pendingLetters(n: number, email = (i: number) => `sender${i}@example.org`): Promise<string[]> {
  const rows = await handle.db
    .insertInto("letters")
    .values(
      Array.from({ length: n }, (_, i) => ({
        campaign_id: campaignId,
        country_code: "FRA",
        language: "en",
        sender_name: "Ann Lee",
        sender_email: email(i),
        subject: "Please",
        body: "Dear minister,",
        personal_paragraph: "My own words.",
      })),
    )
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

const confirm = (letterId: string) =>
  confirmLetter(handle.db, new URL(letterConfirmUrlFor(letterId, "https://x.example", "en", secrets)).pathname.split("/")[2]!, { secrets, now: new Date(), apply: true });
const counted = async () => (await countOf(handle.db, "letters", campaignId)).confirmed;
const foldAll = async () => {
  while ((await applyCountChanges(handle.db)) > 0);
};

describe("counting confirmed letters", () => {
  it("counts each letter once it is confirmed, once however often its link is pressed at the same time", async () => {
    const ids = await pendingLetters(30);
    await pendingLetters(3, (i) => `never${i}@example.org`);
    const outcomes = await Promise.all([...ids, ...ids].map(confirm));
    expect(outcomes.filter((o) => o.kind === "confirmed")).toHaveLength(30);
    expect(outcomes.filter((o) => o.kind === "already_confirmed")).toHaveLength(30);
    expect(await counted()).toBe(0); // until the counting job runs
    expect(await applyCountChanges(handle.db)).toBe(30);
    expect(await applyCountChanges(handle.db)).toBe(0);
    expect(await counted()).toBe(30);
    const page = await getLetterPage(handle.db, SLUG, "en", null, () => null, {});
    expect(page?.confirmedLetters).toBe(30);
  });

  it("folds each change exactly once when several processes fold at the same time", async () => {
    await recordCountChanges(handle.db, Array.from({ length: 500 }, () => ({ kind: "letters" as const, id: campaignId })), 1);
    const applied = await Promise.all(
      Array.from({ length: 4 }, async () => {
        let total = 0;
        for (let n = -1; n !== 0; total += n) n = await applyCountChanges(handle.db, 40);
        return total;
      }),
    );
    expect(applied.reduce((a, b) => a + b)).toBe(500);
    expect(await counted()).toBe(500);
  });

  it("takes an erased person's confirmed letters off the count, and leaves the rest", async () => {
    const [hers, alsoHers] = await pendingLetters(2, () => "zoe@example.org");
    const [theirs] = await pendingLetters(1, () => "someone.else@example.org");
    await confirm(hers!);
    await confirm(theirs!);
    await foldAll();
    expect(await counted()).toBe(2);
    const admin = await handle.db.insertInto("organizers").values({ email: "admin@example.org", role: "admin" }).returning(["id", "email"]).executeTakeFirstOrThrow();
    const erased = await erasePerson(handle.db, "Zoe@Example.org", admin, secrets);
    expect(erased.letters).toBe(2);
    expect(alsoHers).toBeDefined(); // pending: it never counted, and erasing it changes nothing
    await foldAll();
    expect(await counted()).toBe(1);
  });
});
