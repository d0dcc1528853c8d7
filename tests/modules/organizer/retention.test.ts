import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../db/seeds/demo";
import { applyRetention } from "~/modules/organizer/privacy.service.server";
import { openTestDatabase } from "../../support/database";

let handle: DatabaseHandle;
let petitionId: number;
const DAY = 86_400_000;
const policy = { unconfirmedDays: 30, anonymizeAfterCloseDays: 90 };

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  petitionId = (await handle.db.selectFrom("petitions").select("id").where("slug", "=", "stop-the-cybercrime-convention").executeTakeFirstOrThrow()).id;
});
afterAll(async () => handle?.close());

async function signature(email: string, status: "pending" | "confirmed" | "suspect", ageDays: number) {
  const at = new Date(Date.now() - ageDays * DAY);
  await handle.db
    .insertInto("signatures")
    .values({
      petition_id: petitionId,
      status,
      name: "Sam Keep",
      email,
      email_key: email,
      country_code: "DEU",
      comment: "My reasons",
      mail_consent: true,
      language: "de",
      referral_code: `ret${Math.random().toString(36).slice(2, 12)}`,
      ip_hash: "hash1234",
      suspect_reason: status === "suspect" ? "too_fast" : null,
      created_at: at,
      confirmed_at: status === "confirmed" ? at : null,
    })
    .execute();
}

const emails = async () => (await handle.db.selectFrom("signatures").select("email").orderBy("email").execute()).map((r) => r.email);

describe("retention", () => {
  it("deletes what was never confirmed after 30 days, keeps confirmed signatures, and anonymizes them 90 days after the petition closed", async () => {
    await signature("old-pending@example.org", "pending", 31);
    await signature("old-suspect@example.org", "suspect", 45);
    await signature("new-pending@example.org", "pending", 2);
    await signature("old-confirmed@example.org", "confirmed", 200);

    expect(await applyRetention(handle.db, new Date(), policy)).toEqual({ deletedSignatures: 2, deletedLetters: 0, anonymizedSignatures: 0 });
    expect(await emails()).toEqual(["new-pending@example.org", "old-confirmed@example.org"]);

    // The petition closes; 90 days later the confirmed signature keeps only its country and dates.
    await handle.db.updateTable("petitions").set({ status: "closed", closed_at: new Date(Date.now() - 91 * DAY) }).where("id", "=", petitionId).execute();
    const result = await applyRetention(handle.db, new Date(), policy);
    expect(result.anonymizedSignatures).toBe(2);
    const rows = await handle.db.selectFrom("signatures").select(["name", "email", "comment", "ip_hash", "country_code", "status", "confirmed_at"]).where("status", "=", "confirmed").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "—", comment: null, ip_hash: null, country_code: "DEU", status: "confirmed" });
    expect(rows[0]!.email).toMatch(/^anonymized-\d+@erased\.invalid$/u);
    expect(rows[0]!.confirmed_at).not.toBeNull();
    // Idempotent: nothing left to do.
    expect(await applyRetention(handle.db, new Date(), policy)).toEqual({ deletedSignatures: 0, deletedLetters: 0, anonymizedSignatures: 0 });
  });
});
