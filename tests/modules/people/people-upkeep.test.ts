import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { newReferralCode } from "~/modules/campaign/referral-code.server";
import { emailKey } from "~/modules/mail/email-key";
import { decideSignature, rejectInBulk } from "~/modules/petition/moderation.service.server";
import { setSignatureStatus } from "~/modules/petition/petition.repo.server";
import { applyRetention, erasePerson } from "~/modules/privacy/privacy.service.server";
import { migrateToJustBefore, openTestDatabase } from "../../support/database";
import { demoPetition, DEMO_PETITION } from "../../support/petition";

/** The API's people follow what happens to their rows: moderation touches them, erasure and retention remove them. */
let handle: DatabaseHandle;
let db: Kysely<Database>;
let petitionId: number;
const actor = { id: null as unknown as number, email: "admin@example.org" };
const secrets = ["test-secret"];

async function signed(email: string, status: "confirmed" | "pending" = "confirmed"): Promise<string> {
  const row = await db
    .insertInto("signatures")
    .values({ petition_id: petitionId, status: "pending", name: "Some One", email, email_key: emailKey(email), country_code: "DEU", language: "en", referral_code: newReferralCode() })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (status === "confirmed") await db.transaction().execute((trx) => setSignatureStatus(trx, row.id, "confirmed"));
  return row.id;
}
const person = (email: string) => db.selectFrom("people").select(["id", sql<string>`modified_at::text`.as("modified")]).where("email_key", "=", emailKey(email)).executeTakeFirst();

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await migrateToLatest(db);
  await seedDatabase(db);
  await seedDemoContent(db);
  petitionId = (await demoPetition(db)).id;
});
afterAll(async () => handle?.close());

describe("people", () => {
  it("are touched when moderation rejects their confirmed signature, one by one or in bulk", async () => {
    const id = await signed("rejected-one@example.org");
    const before = (await person("rejected-one@example.org"))!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await decideSignature(db, { slug: DEMO_PETITION, signatureId: id, decision: "reject", actor }, { confirmTtlMs: 1000 })).toBe("done");
    expect((await person("rejected-one@example.org"))!.modified).not.toBe(before.modified);

    await signed("bulk@bulk.example");
    const bulkBefore = (await person("bulk@bulk.example"))!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await rejectInBulk(db, { slug: DEMO_PETITION, filter: { emailDomain: "bulk.example" }, expected: 1, actor })).toEqual({ kind: "rejected", count: 1 });
    expect((await person("bulk@bulk.example"))!.modified).not.toBe(bulkBefore.modified);
  });

  it("go with an erasure", async () => {
    await signed("Erase.Me+x@example.org");
    expect(await person("erase.me@example.org")).toBeDefined();
    await erasePerson(db, "erase.me@example.org", actor, secrets);
    expect(await person("erase.me@example.org")).toBeUndefined();
  });

  it("go with retention once nothing the API lists names them", async () => {
    await signed("kept@example.org");
    const policy = { unconfirmedDays: 30, anonymizeAfterCloseDays: 90, mailDays: 90 };
    const first = await applyRetention(db, new Date(), policy);
    // The rejected ones above have nothing left to list.
    expect(first.deletedPeople).toBe(2);
    expect(await person("kept@example.org")).toBeDefined();
    await db.updateTable("petitions").set({ status: "closed", closed_at: new Date(Date.now() - 91 * 86_400_000) }).where("id", "=", petitionId).execute();
    const second = await applyRetention(db, new Date(), policy);
    expect(second.deletedPeople).toBeGreaterThanOrEqual(1);
    expect(await person("kept@example.org")).toBeUndefined();
    await db.updateTable("petitions").set({ status: "live", closed_at: null }).where("id", "=", petitionId).execute();
  });
});

describe("the people backfill", () => {
  it("gives everyone confirmed or withdrawn before it a person row, and no one else", async () => {
    const fresh = await openTestDatabase();
    try {
      await migrateToJustBefore(fresh.db, "2026-12-06T0600_osdi_people_keys");
      await seedDatabase(fresh.db).catch(() => undefined);
      const before = await sql<{ id: number }>`select id from petitions limit 1`.execute(fresh.db);
      let pid = before.rows[0]?.id;
      if (pid === undefined) {
        const inserted = await sql<{ id: number }>`insert into petitions (slug, status, default_language, opened_at) values ('p', 'live', 'en', now()) returning id`.execute(fresh.db);
        pid = inserted.rows[0]!.id;
      }
      for (const [email, status] of [["old@example.org", "confirmed"], ["gone@example.org", "withdrawn"], ["waiting@example.org", "pending"]] as const) {
        await sql`insert into signatures (petition_id, status, name, email, email_key, country_code, language, referral_code, confirmed_at, withdrawn_at)
          values (${pid}, ${status}, 'X', ${email}, ${email}, 'DEU', 'en', ${newReferralCode()}, ${status === "pending" ? null : new Date()}, ${status === "withdrawn" ? new Date() : null})`.execute(fresh.db);
      }
      await migrateToLatest(fresh.db);
      const people = await sql<{ email_key: string }>`select email_key from people order by email_key`.execute(fresh.db);
      expect(people.rows.map((p) => p.email_key)).toEqual(["gone@example.org", "old@example.org"]);
    } finally {
      await fresh.close();
    }
  });
});
