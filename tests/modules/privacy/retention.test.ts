import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { validateLetter } from "~/modules/letter/letter-form";
import { letterConfirmUrlFor } from "~/lib/links/letter-links.server";
import { campaignTargets, findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { confirmLetter, writeLetter } from "~/modules/letter/letter.service.server";
import { sendDueDigests } from "~/modules/letter/letter-digests.server";
import { queueDueFollowups } from "~/modules/letter/letter-followups.server";
import { applyRetention } from "~/modules/privacy/privacy.service.server";
import { testConfig } from "../../support/test-config";
import { validateSignature } from "~/modules/petition/signature-form";
import { signPetition } from "~/modules/petition/signing.service.server";
import { openTestDatabase } from "../../support/database";
import { demoPetition, testSigningConfig } from "../../support/petition";

let handle: DatabaseHandle;
let petitionId: number;
let campaignId: number;
const DAY = 86_400_000;
const secrets = ["test-secret"];
const policy = { unconfirmedDays: 30, anonymizeAfterCloseDays: 90, mailDays: 30 };

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  petitionId = (await handle.db.selectFrom("petitions").select("id").where("slug", "=", "stop-the-cybercrime-convention").executeTakeFirstOrThrow()).id;
  campaignId = (await findLetterCampaign(handle.db, "write-to-your-government"))!.campaign.id;
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.deleteFrom("signatures").execute();
  await handle.db.deleteFrom("letters").execute();
  await handle.db.deleteFrom("letter_digests").execute();
  await handle.db.deleteFrom("letter_target_days").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("rate_limit_hits").execute();
  await handle.db.updateTable("petitions").set({ status: "live", closed_at: null }).where("id", "=", petitionId).execute();
  await handle.db.updateTable("letter_campaigns").set({ status: "live", closed_at: null, delivery_mode: "individual" }).where("id", "=", campaignId).execute();
});

async function signature(email: string, status: "pending" | "confirmed" | "held" | "suspect", ageDays: number) {
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
      confirmed_at: status === "confirmed" || status === "held" ? at : null,
    })
    .execute();
}

const emails = async () => (await handle.db.selectFrom("signatures").select("email").orderBy("email").execute()).map((r) => r.email);
const mails = () => handle.db.selectFrom("outgoing_mails").selectAll().orderBy("id").execute();
const nothingToDo = { deletedSignatures: 0, deletedLetters: 0, deletedFollows: 0, deletedMails: 0, anonymizedSignatures: 0, anonymizedLetters: 0, deletedPeople: 0, strippedMails: 0 };

/** Signs the demo petition through the signing service (the row and its confirmation mail, as the form makes them). */
async function signThroughService(email: string, name: string) {
  const petition = await demoPetition(handle.db);
  const checked = validateSignature({ name, email, country: "FRA", comment: "", showName: false, mailConsent: false }, "", () => true);
  if (!checked.ok) throw new Error("invalid test signature");
  const result = await signPetition(
    handle.db,
    { petition, petitionTitle: "Stop the convention", signature: checked.signature, lng: "en", honeypotFilled: false, fillMs: 5000, ipHash: `ip-${email}` },
    { config: testSigningConfig(), now: new Date() },
  );
  expect(result.kind).toBe("signed");
}

/** Writes a letter through the letter service; confirms it when asked. */
async function letter(email: string, personal: string, { confirm = false, country = "FRA", now = new Date() } = {}) {
  const targets = await campaignTargets(handle.db, campaignId, country);
  const { texts } = (await findLetterCampaign(handle.db, "write-to-your-government"))!;
  const text = texts.find((t) => t.language === "en")!;
  const checked = validateLetter(
    { country, targets: targets.map((t) => String(t.id)), subject: "My own subject line", body: text.body_template, personal, name: "Rita Retention", email, city: "Tromsø" },
    country,
    new Set(targets.map((t) => t.id)),
    40,
  );
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const written = await writeLetter(handle.db, { campaignId, letter: checked.letter, lng: "en", ipHash: `ip-${email}`, secrets: ["test-secret"] }, testConfig().letters);
  if (written.kind !== "written") throw new Error(written.kind);
  if (confirm) {
    const token = new URL(letterConfirmUrlFor(written.letterId, "https://x.example", "en", secrets)).pathname.split("/")[2]!;
    expect((await confirmLetter(handle.db, token, { secrets, now, apply: true, config: testConfig().letters })).kind).toBe("confirmed");
  }
  return { id: written.letterId, targets };
}

const backdate = async (table: "signatures" | "letters" | "outgoing_mails", days: number) =>
  handle.db.updateTable(table).set({ created_at: new Date(Date.now() - days * DAY) }).execute();

describe("retention", () => {
  it("deletes what was never confirmed after 30 days, keeps confirmed signatures, and anonymizes them 90 days after the petition closed", async () => {
    await signature("old-pending@example.org", "pending", 31);
    await signature("old-suspect@example.org", "suspect", 45);
    await signature("new-pending@example.org", "pending", 2);
    await signature("old-confirmed@example.org", "confirmed", 200);
    // Held for review: its signer confirmed it, so it is kept like a confirmed one.
    await signature("old-held@example.org", "held", 200);

    expect(await applyRetention(handle.db, new Date(), policy)).toEqual({ ...nothingToDo, deletedSignatures: 2 });
    expect(await emails()).toEqual(["new-pending@example.org", "old-confirmed@example.org", "old-held@example.org"]);

    // The petition closes; 90 days later the confirmed signature keeps only its country and dates.
    await handle.db.updateTable("petitions").set({ status: "closed", closed_at: new Date(Date.now() - 91 * DAY) }).where("id", "=", petitionId).execute();
    const result = await applyRetention(handle.db, new Date(), policy);
    expect(result.anonymizedSignatures).toBe(3);
    const rows = await handle.db.selectFrom("signatures").select(["name", "email", "comment", "ip_hash", "country_code", "status", "confirmed_at"]).where("status", "=", "confirmed").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "—", comment: null, ip_hash: null, country_code: "DEU", status: "confirmed" });
    expect(rows[0]!.email).toMatch(/^anonymized-\d+@erased\.invalid$/u);
    expect(rows[0]!.confirmed_at).not.toBeNull();
    // Idempotent: nothing left to do.
    expect(await applyRetention(handle.db, new Date(), policy)).toEqual(nothingToDo);
  });

  it("deletes the confirmation mails of the signatures and letters it deletes, in the same run, and no other mail", async () => {
    await signThroughService("forgot.to.confirm@example.org", "Forgetful Fay");
    await letter("never.sent@example.org", "I meant to send this letter but never pressed the link in my mail.");
    await backdate("signatures", 31);
    await backdate("letters", 31);
    // Someone recent, whose mails stay.
    await signThroughService("recent@example.org", "Recent Rob");
    expect((await mails()).map((m) => m.template).sort()).toEqual(["letter-confirm", "signature-confirm", "signature-confirm"]);

    expect(await applyRetention(handle.db, new Date(), policy)).toMatchObject({ deletedSignatures: 1, deletedLetters: 1, deletedMails: 2 });
    const left = await mails();
    expect(left.map((m) => m.recipient)).toEqual(["recent@example.org"]);
    expect(JSON.stringify(left)).not.toMatch(/forgetful|never\.sent|forgot/iu);
  });

  it("after RETENTION_MAIL_DAYS (default 30), finished mail keeps its delivery facts but not the person", async () => {
    expect(testConfig().retention.mailDays).toBe(30);
    expect(testConfig({ RETENTION_MAIL_DAYS: "7" }).retention.mailDays).toBe(7);
    const old = new Date(Date.now() - 40 * DAY);
    await signThroughService("signer@example.org", "Signe Signer");
    await letter("writer@example.org", "My own words about why this convention worries me as a nurse.", { confirm: true });
    // Digest mode for another letter, to another country: the digest quotes the sender.
    await handle.db.updateTable("letter_campaigns").set({ delivery_mode: "digest" }).where("id", "=", campaignId).execute();
    await letter("digester@example.org", "Words of mine that reach the target in its daily digest mail.", { confirm: true, country: "DEU", now: old });
    expect(await sendDueDigests(handle.db, new Date())).toBeGreaterThan(0);
    // Everything went out 40 days ago, except one mail still waiting in the queue.
    await handle.db.updateTable("outgoing_mails").set({ status: "sent", sent_at: old, created_at: old, attempts: 1 }).execute();
    await handle.db.updateTable("letters").set({ confirmed_at: old }).where("status", "=", "confirmed").execute();
    expect(await queueDueFollowups(handle.db, new Date(), 14 * DAY)).toBe(2);
    // Two follow-ups of long ago: one still waiting (not finished: kept whole), one that failed for good.
    await handle.db.updateTable("outgoing_mails").set({ created_at: old }).where("template", "=", "letter-followup").execute();
    await handle.db.updateTable("outgoing_mails").set({ status: "failed", attempts: 8, last_error: "550 5.1.1 <digester@example.org>: Recipient address rejected" }).where("template", "=", "letter-followup").where("recipient", "=", "digester@example.org").execute();
    const before = await mails();
    const recent = await letter("recent.writer@example.org", "A recent letter whose confirmation mail must keep its content for now.");

    const result = await applyRetention(handle.db, new Date(), policy);
    expect(result.strippedMails).toBe(before.length - 1);
    const after = await mails();
    // The queued follow-up (not finished) and the recent mail keep everything.
    const untouched = after.filter((m) => m.content_removed_at === null);
    expect(untouched.map((m) => m.recipient).sort()).toEqual(["recent.writer@example.org", "writer@example.org"]);
    expect(untouched.find((m) => m.recipient === "recent.writer@example.org")!.template_data).toMatchObject({ letterId: recent.id });

    const stripped = after.filter((m) => m.content_removed_at !== null);
    const dump = JSON.stringify(stripped);
    for (const personal of ["signer@", "Signe Signer", "writer@example.org", "digester@", "Rita Retention", "Tromsø", "nurse", "daily digest mail", "My own subject line"]) {
      expect(dump, personal).not.toContain(personal);
    }
    for (const mail of stripped) {
      const was = before.find((m) => m.id === mail.id)!;
      // Delivery facts stay as they were.
      const facts = (m: typeof mail) => ({ ...m, recipient: null, template_data: null, reply_to: null, last_error: null, content_removed_at: null });
      expect(facts(mail)).toEqual(facts(was));
      expect(mail.reply_to).toBeNull();
      // A target's address (a public role) stays; a person's does not.
      if (mail.template === "letter" || mail.template === "letter-digest") {
        expect(mail.recipient).toBe(was.recipient);
        const targetAddresses = await handle.db.selectFrom("targets").select("email").execute();
        expect(targetAddresses.map((t) => t.email)).toContain(mail.recipient);
      } else {
        expect(mail.recipient).toBe(`mail-${mail.id}@erased.invalid`);
      }
    }
    // The mail server's words stay, without the address it named.
    expect(stripped.find((m) => m.status === "failed")!.last_error).toBe("550 5.1.1 <[address]>: Recipient address rejected");
    const byTemplate = (template: string) => stripped.find((m) => m.template === template)!.template_data;
    expect(byTemplate("signature-confirm")).toEqual({ signatureId: expect.any(String), petitionTitle: "Stop the convention", linkDays: 30 });
    expect(byTemplate("letter")).toEqual({});
    expect(byTemplate("letter-digest")).toEqual({ count: 1, countryName: expect.any(String) });
    expect(byTemplate("letter-receipt")).toEqual({ letterId: expect.any(String) });
    // Idempotent.
    expect(await applyRetention(handle.db, new Date(), policy)).toEqual(nothingToDo);
  });

  it("keeps only country, target and dates of the letters of a campaign closed for RETENTION_AFTER_CLOSE_DAYS", async () => {
    const kept = await letter("closed.writer@example.org", "Words written while the campaign was live, about my work as a lawyer.", { confirm: true });
    await handle.db.updateTable("letter_campaigns").set({ status: "closed", closed_at: new Date(Date.now() - 89 * DAY) }).where("id", "=", campaignId).execute();
    expect((await applyRetention(handle.db, new Date(), { ...policy, mailDays: 1000 })).anonymizedLetters).toBe(0);
    await handle.db.updateTable("letter_campaigns").set({ closed_at: new Date(Date.now() - 91 * DAY) }).where("id", "=", campaignId).execute();
    const before = await handle.db.selectFrom("letters").selectAll().executeTakeFirstOrThrow();

    expect((await applyRetention(handle.db, new Date(), { ...policy, mailDays: 1000 })).anonymizedLetters).toBe(1);
    const after = await handle.db.selectFrom("letters").selectAll().executeTakeFirstOrThrow();
    // The name and the words become a dash, the address a placeholder; what could still recognize the sender goes.
    const words = { sender_name: "—", subject: "—", body: "—", personal_paragraph: "—" };
    const recognizers = { sender_city: null, ip_hash: null, fingerprint: null, sender_key: null };
    // Anonymizing is a change an API client syncs: only modified_at moves besides the person's part.
    // The email key follows the address (PostgreSQL computes it), so the person is no longer found by it.
    const placeholder = `anonymized-${before.id}@erased.invalid`;
    expect(after).toEqual({ ...before, ...words, ...recognizers, sender_email: placeholder, email_key: placeholder, modified_at: after.modified_at });
    expect(after.modified_at.getTime()).toBeGreaterThanOrEqual(before.modified_at.getTime());
    expect(after).toMatchObject({ country_code: "FRA", status: "confirmed", campaign_id: campaignId });
    // Whom it went to stays.
    const recipients = await handle.db.selectFrom("letter_recipients").select("target_id").where("letter_id", "=", kept.id).orderBy("target_id").execute();
    expect(recipients.map((r) => r.target_id)).toEqual(kept.targets.map((t) => t.id).sort((a, b) => a - b));
    expect(await applyRetention(handle.db, new Date(), { ...policy, mailDays: 1000 })).toEqual(nothingToDo);
  });
});
