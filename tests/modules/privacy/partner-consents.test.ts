import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { applyRetention, erasePerson, exportPersonData } from "~/modules/privacy/privacy.service.server";
import { openTestDatabase } from "../../support/database";
import { demoPetition } from "../../support/petition";

let handle: DatabaseHandle;
let petitionId: number;
let partnerId: number;
const secrets = ["test-secret"];
const DAY = 86_400_000;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  petitionId = (await demoPetition(handle.db)).id;
  partnerId = (
    await handle.db
      .insertInto("partners")
      .values({ code: "eff", name: "EFF", website_url: "https://eff.example", privacy_url: "https://eff.example/p", contact_email: "t@eff.example" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => handle?.close());

async function consentingSignature(email: string, status: "pending" | "confirmed") {
  const { id } = await handle.db
    .insertInto("signatures")
    .values({
      petition_id: petitionId,
      status,
      name: "Pat Partner",
      email,
      email_key: email,
      country_code: "FRA",
      mail_consent: true,
      language: "en",
      referral_code: `pc${Math.random().toString(36).slice(2, 12)}`,
      confirmed_at: status === "confirmed" ? new Date() : null,
      partner_id: partnerId,
      partner_consent: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

describe("partner consents under erasure and retention", () => {
  it("erasure takes a person's signature with its partner consent, and their repeat waiting with its own", async () => {
    const id = await consentingSignature("erase.me@example.org", "pending");
    await handle.db
      .insertInto("signature_repeats")
      .values({ signature_id: id, name: "Pat", email: "Erase.Me@example.org", country_code: "FRA", show_name: false, mail_consent: false, language: "en", petition_title: "T", partner_id: partnerId, partner_consent: true })
      .execute();
    const other = await consentingSignature("stays@example.org", "pending");
    const admin = await addOrganizer(handle.db, { email: "admin@example.org", role: "admin", by: "test" });
    const actor = { id: admin.id, email: "admin@example.org" };
    // The person's own export says which partner they consented to.
    const exported = await exportPersonData(handle.db, "erase.me@example.org", actor, secrets);
    expect(exported.signatures).toMatchObject([{ partner: "eff", partner_consent: true }]);
    await erasePerson(handle.db, "erase.me@example.org", actor, secrets);
    expect(await handle.db.selectFrom("signatures").select("id").where("email_key", "=", "erase.me@example.org").execute()).toEqual([]);
    expect(await handle.db.selectFrom("signature_repeats").select("id").where("signature_id", "=", id).execute()).toEqual([]);
    expect(await handle.db.selectFrom("signatures").select(["id", "partner_consent"]).where("id", "=", other).execute()).toEqual([{ id: other, partner_consent: true }]);
  });

  it("anonymizing a closed petition's signatures withdraws their partner consent and keeps the partner for counts", async () => {
    await handle.db.deleteFrom("signatures").execute();
    await consentingSignature("old@example.org", "confirmed");
    await handle.db.updateTable("petitions").set({ status: "closed", closed_at: new Date(Date.now() - 100 * DAY) }).where("id", "=", petitionId).execute();
    const result = await applyRetention(handle.db, new Date(), { unconfirmedDays: 30, anonymizeAfterCloseDays: 90, mailDays: 30 });
    expect(result.anonymizedSignatures).toBe(1);
    const rows = await handle.db.selectFrom("signatures").select(["partner_id", "partner_consent", "mail_consent", "status"]).execute();
    expect(rows).toEqual([{ partner_id: partnerId, partner_consent: false, mail_consent: false, status: "confirmed" }]);
  });
});
