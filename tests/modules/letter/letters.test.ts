import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../db/seeds/demo";
import { createMailTransport, type MailTransport } from "~/lib/mail/transport.server";
import { validateLetter } from "~/modules/letter/letter-form";
import { letterConfirmUrlFor } from "~/modules/letter/letter-links.server";
import { campaignTargets, findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { confirmLetter, writeLetter, DEFAULT_LETTER_LIMITS } from "~/modules/letter/letter.service.server";
import { deliverDueMails } from "~/modules/mail/mail-worker.server";
import { openTestDatabase } from "../../support/database";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";

let handle: DatabaseHandle;
let sink: SmtpSink;
let campaignId: number;
const secrets = ["test-secret"];

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  campaignId = (await findLetterCampaign(handle.db, "write-to-your-government"))!.campaign.id;
  sink = await startSmtpSink();
});
afterAll(async () => {
  // Pooled SMTP connections stay open until closed; the sink waits for them.
  transport?.close();
  await sink?.close();
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.deleteFrom("letters").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("rate_limit_hits").execute();
  sink.received.length = 0;
});

let transport: MailTransport;
const deliver = () =>
  deliverDueMails(handle.db, (transport ??= createMailTransport({ ...process.env, SMTP_URL: sink.url })), {
    from: "Treaty Watch <no-reply@treaty.example.org>",
    publicUrl: "https://treaty.example.org",
    messageIdDomain: "treaty.example.org",
    batchSize: 50,
    signingSecrets: secrets,
    perDomainPerMinute: 1000,
    leaseMs: 60_000,
  });

async function letterTo(country: string, email: string, lng = "en") {
  const targets = await campaignTargets(handle.db, campaignId, country);
  const { texts } = (await findLetterCampaign(handle.db, "write-to-your-government"))!;
  const text = texts.find((t) => t.language === lng)!;
  const checked = validateLetter(
    {
      country,
      targets: targets.map((t) => String(t.id)),
      subject: text.subject_variants[0]!,
      body: text.body_template,
      personal: "I work as a security researcher, and this treaty could make my work a crime.",
      name: "Ann Lee",
      email,
      city: "Lyon",
    },
    country,
    new Set(targets.map((t) => t.id)),
    40,
  );
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return { letter: checked.letter, targets };
}

const tokenOf = (letterId: string) => new URL(letterConfirmUrlFor(letterId, "https://x.example", "en", secrets)).pathname.split("/")[2]!;

describe("writing to decision makers", () => {
  it("sends nothing to targets until the sender confirms, then one mail per target with Reply-To the sender, and a receipt", async () => {
    const { letter, targets } = await letterTo("FRA", "ann@example.org", "fr");
    const written = await writeLetter(handle.db, { campaignId, letter, lng: "fr", ipHash: "ip" });
    expect(written.kind).toBe("written");
    const letterId = (written as { letterId: string }).letterId;
    await deliver();
    expect(sink.received.map((m) => m.subject)).toEqual([expect.stringContaining("Confirmez votre lettre")]);
    expect(sink.received[0]!.text).toContain(`/confirm/${tokenOf(letterId)}?lng=fr`);

    // The GET (inspect) changes nothing; the POST confirms.
    expect(await confirmLetter(handle.db, tokenOf(letterId), { secrets, now: new Date(), apply: false })).toMatchObject({ kind: "confirmed", recipients: 2 });
    expect((await handle.db.selectFrom("outgoing_mails").selectAll().execute()).length).toBe(1);
    expect(await confirmLetter(handle.db, tokenOf(letterId), { secrets, now: new Date(), apply: true })).toMatchObject({ kind: "confirmed", recipients: 2 });
    expect(await confirmLetter(handle.db, tokenOf(letterId), { secrets, now: new Date(), apply: true })).toMatchObject({ kind: "already_confirmed" });

    await deliver();
    const toTargets = sink.received.filter((m) => targets.some((t) => JSON.stringify(m.to).includes(t.email)));
    expect(toTargets).toHaveLength(2);
    for (const mail of toTargets) {
      expect(mail.replyTo?.text).toBe("ann@example.org");
      expect(mail.subject).toBe(letter.subject);
      expect(mail.text).toContain("I work as a security researcher");
      expect(mail.text).not.toContain("{{");
      expect(mail.text).toContain("Ann Lee");
      expect(mail.text).toContain("France");
    }
    const receipt = sink.received.find((m) => m.subject?.startsWith("Votre lettre a été envoyée"));
    expect(receipt?.text).toContain("Demo Minister (France)");
  });

  it("refuses targets of another country or campaign, even when forged into a valid-looking letter", async () => {
    const { letter } = await letterTo("FRA", "ann@example.org");
    const usa = await campaignTargets(handle.db, campaignId, "USA");
    const forged = { ...letter, targetIds: [...letter.targetIds, usa[0]!.id] };
    expect(await writeLetter(handle.db, { campaignId, letter: forged, lng: "en", ipHash: "ip" })).toEqual({ kind: "targets_changed" });
    expect(await handle.db.selectFrom("letters").selectAll().execute()).toHaveLength(0);
    expect(await handle.db.selectFrom("outgoing_mails").selectAll().execute()).toHaveLength(0);
  });

  it("limits letters per sender address and per client address", async () => {
    const limits = { ...DEFAULT_LETTER_LIMITS, perSenderPerDay: 2, perAddressPerDay: 3 };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await writeLetter(handle.db, { campaignId, letter: (await letterTo("DEU", "same@example.org")).letter, lng: "en", ipHash: "ip-a" }, limits)).kind);
    expect(outcomes).toEqual(["written", "written", "too_many"]);
    const other = [];
    for (let i = 0; i < 2; i++) other.push((await writeLetter(handle.db, { campaignId, letter: (await letterTo("DEU", `p${i}@example.org`)).letter, lng: "en", ipHash: "ip-a" }, limits)).kind);
    expect(other).toEqual(["too_many", "too_many"]);
  });

  it("lets an unconfirmed letter expire", async () => {
    const { letter } = await letterTo("BRA", "ann@example.org");
    const written = (await writeLetter(handle.db, { campaignId, letter, lng: "en", ipHash: "ip" })) as { letterId: string };
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect((await confirmLetter(handle.db, tokenOf(written.letterId), { secrets, now: later, apply: true })).kind).toBe("expired");
    expect((await handle.db.selectFrom("outgoing_mails").selectAll().execute()).map((m) => m.template)).toEqual(["letter-confirm"]);
  });

  it("does not take a signature's confirm link for a letter's", async () => {
    expect((await confirmLetter(handle.db, "bm9wZQ.bm9wZQ", { secrets, now: new Date(), apply: true })).kind).toBe("invalid");
  });
});
