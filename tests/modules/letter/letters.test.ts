import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { validateLetter } from "~/modules/letter/letter-form";
import { applyCountChanges, countOf, recordCountChanges } from "~/modules/campaign/counter.server";
import { letterConfirmUrlFor } from "~/lib/links/letter-links.server";
import { getLetterPage } from "~/modules/letter/letter-page.service.server";
import { letterCampaignDashboard } from "~/modules/letter/letter-dashboard.service.server";
import { campaignTargets, findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { confirmLetter, writeLetter } from "~/modules/letter/letter.service.server";
import { sendDueDigests } from "~/modules/letter/letter-digests.server";
import { countLetterEvent, demandWithoutTargets } from "~/modules/letter/letter-events.repo.server";
import { expireUnconfirmedLetters, queueDueFollowups } from "~/modules/letter/letter-followups.server";
import { letterStatusUrlFor } from "~/lib/links/letter-links.server";
import { getLetterStatus, recordReply } from "~/modules/letter/letter-status.service.server";
import { replyRateForCountry, replyRatesByTarget } from "~/modules/letter/reply-stats.repo.server";
import { erasePerson } from "~/modules/privacy/privacy.service.server";
import { openTestDatabase } from "../../support/database";
import { testConfig } from "../../support/test-config";
import type { SmtpSink } from "../../support/smtp-sink";
import { startTestMailbox, type TestMailbox } from "../../support/test-mail";

let handle: DatabaseHandle;
let mailbox: TestMailbox;
let sink: SmtpSink;
let campaignId: number;
const secrets = ["test-secret"];
const LETTERS = testConfig().letters;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  campaignId = (await findLetterCampaign(handle.db, "write-to-your-government"))!.campaign.id;
  mailbox = await startTestMailbox(() => handle.db);
  sink = mailbox.sink;
});
afterAll(async () => {
  await mailbox?.close();
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.deleteFrom("letters").execute();
  await handle.db.deleteFrom("letter_digests").execute();
  await handle.db.deleteFrom("letter_target_days").execute();
  await handle.db.deleteFrom("letter_campaign_events").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("rate_limit_hits").execute();
  sink.received.length = 0;
});

const deliver = () => mailbox.deliver();

async function letterTo(country: string, email: string, lng = "en", personal = "I work as a security researcher, and this treaty could make my work a crime.") {
  const chosen = await campaignTargets(handle.db, campaignId, country);
  // The page never reads addresses; the test does, to find the mails sent to them.
  const addresses = await handle.db.selectFrom("targets").select(["id", "email"]).where("id", "in", chosen.map((t) => t.id)).execute();
  const targets = chosen.map((t) => ({ ...t, email: addresses.find((a) => a.id === t.id)!.email }));
  const { texts } = (await findLetterCampaign(handle.db, "write-to-your-government"))!;
  const text = texts.find((t) => t.language === lng)!;
  const checked = validateLetter(
    {
      country,
      targets: targets.map((t) => String(t.id)),
      subject: text.subject_variants[0]!,
      body: text.body_template,
      personal,
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
    const written = await writeLetter(handle.db, { campaignId, letter, lng: "fr", ipHash: "ip", secrets }, LETTERS);
    expect(written.kind).toBe("written");
    const letterId = (written as { letterId: string }).letterId;
    await deliver();
    expect(sink.received.map((m) => m.subject)).toEqual([expect.stringContaining("Confirmez votre lettre")]);
    expect(sink.received[0]!.text).toContain(`/confirm/${tokenOf(letterId)}?lng=fr`);

    // The GET (inspect) changes nothing; the POST confirms.
    expect(await confirmLetter(handle.db, tokenOf(letterId), { secrets, now: new Date(), apply: false, config: LETTERS })).toMatchObject({ kind: "confirmed", recipients: 2 });
    expect((await handle.db.selectFrom("outgoing_mails").selectAll().execute()).length).toBe(1);
    expect(await confirmLetter(handle.db, tokenOf(letterId), { secrets, now: new Date(), apply: true, config: LETTERS })).toMatchObject({ kind: "confirmed", recipients: 2 });
    expect(await confirmLetter(handle.db, tokenOf(letterId), { secrets, now: new Date(), apply: true, config: LETTERS })).toMatchObject({ kind: "already_confirmed" });

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

  it("gives each letter its own referral code, records the shared link it came through, and hands the code back on confirming", async () => {
    const { letter } = await letterTo("DEU", "ref-a@example.org");
    const first = await writeLetter(handle.db, { campaignId, letter, lng: "en", ipHash: "ip", secrets }, LETTERS);
    if (first.kind !== "written") throw new Error(first.kind);
    const second = await writeLetter(handle.db, { campaignId, letter: (await letterTo("DEU", "ref-b@example.org")).letter, lng: "en", ipHash: "ip", secrets, referredBy: first.referralCode }, LETTERS);
    if (second.kind !== "written") throw new Error(second.kind);
    expect(second.referralCode).not.toBe(first.referralCode);
    const rows = await handle.db.selectFrom("letters").select(["id", "referral_code", "referred_by"]).orderBy("id").execute();
    expect(rows.map((r) => [r.referral_code, r.referred_by])).toEqual([
      [first.referralCode, null],
      [second.referralCode, first.referralCode],
    ]);
    const own = { referralCode: second.referralCode, countryCode: "DEU" };
    expect(await confirmLetter(handle.db, tokenOf(second.letterId), { secrets, now: new Date(), apply: false, config: LETTERS })).toMatchObject({ kind: "confirmed", ...own });
    expect(await confirmLetter(handle.db, tokenOf(second.letterId), { secrets, now: new Date(), apply: true, config: LETTERS })).toMatchObject({ kind: "confirmed", ...own });
    expect(await confirmLetter(handle.db, tokenOf(second.letterId), { secrets, now: new Date(), apply: false, config: LETTERS })).toMatchObject({ kind: "already_confirmed", ...own });
    // Organizers see which shared links brought letters, and whether a writer shared them.
    const dashboard = await letterCampaignDashboard(handle.db, "write-to-your-government", new Date().toISOString().slice(0, 10));
    expect(dashboard!.referrals).toEqual([{ code: first.referralCode, total: 1, confirmed: 1, fromPerson: true }]);
  });

  it("refuses targets of another country or campaign, even when forged into a valid-looking letter", async () => {
    const { letter } = await letterTo("FRA", "ann@example.org");
    const usa = await campaignTargets(handle.db, campaignId, "USA");
    const forged = { ...letter, targetIds: [...letter.targetIds, usa[0]!.id] };
    expect(await writeLetter(handle.db, { campaignId, letter: forged, lng: "en", ipHash: "ip", secrets }, LETTERS)).toEqual({ kind: "targets_changed" });
    expect(await handle.db.selectFrom("letters").selectAll().execute()).toHaveLength(0);
    expect(await handle.db.selectFrom("outgoing_mails").selectAll().execute()).toHaveLength(0);
  });

  it("limits letters per sender address and per client address", async () => {
    const limits = { ...LETTERS, perSenderPerDay: 2, perAddressPerDay: 3 };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await writeLetter(handle.db, { campaignId, letter: (await letterTo("DEU", "same@example.org")).letter, lng: "en", ipHash: "ip-a", secrets }, limits)).kind);
    expect(outcomes).toEqual(["written", "written", "over_sender_limit"]);
    const other = [];
    for (let i = 0; i < 2; i++) other.push((await writeLetter(handle.db, { campaignId, letter: (await letterTo("DEU", `p${i}@example.org`)).letter, lng: "en", ipHash: "ip-a", secrets }, limits)).kind);
    // The refused third letter of same@ took no place: one more letter from this address goes through, then none.
    expect(other).toEqual(["written", "too_many"]);
    const hits = await handle.db.selectFrom("rate_limit_hits").select("hits").where("bucket", "like", "letter:%:ip-a:d").execute();
    expect(hits.map((h) => h.hits)).toEqual([3]);
    // The owner of same@ hears once that a letter was over the day's limit (the form said nothing).
    for (let i = 0; i < 2; i++) await writeLetter(handle.db, { campaignId, letter: (await letterTo("DEU", "Same+x@example.org")).letter, lng: "fr", ipHash: "ip-b", secrets }, limits);
    const notices = await handle.db.selectFrom("outgoing_mails").select(["recipient", "language"]).where("template", "=", "letter-limit").execute();
    expect(notices).toEqual([{ recipient: "same@example.org", language: "en" }]);
  });

  it("lets an unconfirmed letter expire", async () => {
    const { letter } = await letterTo("BRA", "ann@example.org");
    const written = (await writeLetter(handle.db, { campaignId, letter, lng: "en", ipHash: "ip", secrets }, LETTERS)) as { letterId: string };
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect((await confirmLetter(handle.db, tokenOf(written.letterId), { secrets, now: later, apply: true, config: LETTERS })).kind).toBe("expired");
    expect((await handle.db.selectFrom("outgoing_mails").selectAll().execute()).map((m) => m.template)).toEqual(["letter-confirm"]);
  });

  it("does not take a signature's confirm link for a letter's", async () => {
    expect((await confirmLetter(handle.db, "bm9wZQ.bm9wZQ", { secrets, now: new Date(), apply: true, config: LETTERS })).kind).toBe("invalid");
  });
});

const DAY = 86_400_000;
const statusTokenOf = (letterId: string) => new URL(letterStatusUrlFor(letterId, "https://x.example", "en", secrets)).pathname.split("/")[3]!;

/** Writes and confirms one letter; `now` is the confirmation time. */
async function sendLetter(country: string, email: string, opts: { personal?: string; now?: Date; lng?: string } = {}) {
  const { letter, targets } = await letterTo(country, email, opts.lng ?? "en", opts.personal);
  const written = (await writeLetter(handle.db, { campaignId, letter, lng: opts.lng ?? "en", ipHash: `ip-${email}`, secrets }, LETTERS)) as { letterId: string };
  const outcome = await confirmLetter(handle.db, tokenOf(written.letterId), { secrets, now: opts.now ?? new Date(), apply: true, config: LETTERS });
  expect(outcome.kind).toBe("confirmed");
  return { letterId: written.letterId, targets };
}

const routes = async (letterId: string) =>
  (await handle.db.selectFrom("letter_recipients").select("route").where("letter_id", "=", letterId).orderBy("target_id").execute()).map((r) => r.route);
const mailsOf = async (template: string) => handle.db.selectFrom("outgoing_mails").selectAll().where("template", "=", template).execute();

async function withCampaign(settings: { delivery_mode?: "individual" | "digest"; daily_cap_per_target?: number }, run: () => Promise<void>) {
  const before = await handle.db.selectFrom("letter_campaigns").select(["delivery_mode", "daily_cap_per_target"]).where("id", "=", campaignId).executeTakeFirstOrThrow();
  await handle.db.updateTable("letter_campaigns").set(settings).where("id", "=", campaignId).execute();
  try {
    await run();
  } finally {
    await handle.db.updateTable("letter_campaigns").set(before).where("id", "=", campaignId).execute();
  }
}

describe("delivery: the daily cap, identical letters and digests", () => {
  it("past the daily cap, gathers a target's letters into the next day's digest, sent once", async () => {
    await withCampaign({ daily_cap_per_target: 2 }, async () => {
      const now = new Date();
      const sent = [];
      for (let i = 0; i < 3; i++) sent.push(await sendLetter("DEU", `cap${i}@example.org`, { personal: `My own reason number ${i}: this treaty lets any state ask for my data.`, now }));
      expect(await routes(sent[0]!.letterId)).toEqual(["individual", "individual"]);
      expect(await routes(sent[2]!.letterId)).toEqual(["digest", "digest"]);
      expect(await mailsOf("letter")).toHaveLength(4);

      // Not before the day has ended; then one digest per target, and never twice.
      expect(await sendDueDigests(handle.db, now)).toBe(0);
      const tomorrow = new Date(now.getTime() + DAY);
      const [a, b] = await Promise.all([sendDueDigests(handle.db, tomorrow), sendDueDigests(handle.db, tomorrow)]);
      expect(a + b).toBe(2);
      expect(await sendDueDigests(handle.db, tomorrow)).toBe(0);
      await deliver();
      const digests = sink.received.filter((m) => m.subject?.includes("1 person wrote to you"));
      expect(digests).toHaveLength(2);
      expect(digests[0]!.text).toContain("My own reason number 2");
      expect(digests[0]!.text).not.toContain("My own reason number 0");
      expect(digests[0]!.text).toContain("— Ann Lee, Lyon");
      const receipt = sink.received.find((m) => JSON.stringify(m.to).includes("cap2@example.org") && m.subject?.startsWith("Your letter was sent"));
      expect(receipt?.text).toContain("next daily digest");
      const status = await getLetterStatus(handle.db, statusTokenOf(sent[2]!.letterId), secrets);
      expect(status?.recipients.map((r) => r.state)).toEqual(["delivered", "delivered"]);
    });
  });

  it("in digest mode, sends targets one mail a day in their language, quoting each sender's own paragraph", async () => {
    await withCampaign({ delivery_mode: "digest" }, async () => {
      const now = new Date();
      await sendLetter("FRA", "d1@example.org", { personal: "Premier paragraphe personnel : ce traité menace les journalistes." , now });
      const second = await sendLetter("FRA", "d2@example.org", { personal: "Second paragraphe personnel : les chercheurs en sécurité seraient poursuivis.", now });
      expect(await mailsOf("letter")).toHaveLength(0);
      expect((await getLetterStatus(handle.db, statusTokenOf(second.letterId), secrets))?.recipients.map((r) => r.state)).toEqual(["in_next_digest", "in_next_digest"]);
      expect(await sendDueDigests(handle.db, new Date(now.getTime() + DAY))).toBe(2);
      await deliver();
      const digests = sink.received.filter((m) => m.subject?.startsWith("2 personnes vous ont écrit"));
      expect(digests).toHaveLength(2);
      for (const digest of digests) {
        expect(digest.text).toContain("Premier paragraphe personnel");
        expect(digest.text).toContain("Second paragraphe personnel");
        expect(digest.replyTo).toBeUndefined();
      }
    });
  });

  it("folds identical letters to one target into the digest beyond the threshold", async () => {
    const same = "Copied from a forum: please do not ratify the convention as it stands.";
    const sent: Awaited<ReturnType<typeof sendLetter>>[] = [];
    for (let i = 0; i < 4; i++) sent.push(await sendLetter("BRA", `same${i}@example.org`, { personal: same }));
    const each = (route: string) => sent[0]!.targets.map(() => route);
    expect(await routes(sent[2]!.letterId)).toEqual(each("individual"));
    expect(await routes(sent[3]!.letterId)).toEqual(each("digest"));
    // The same words with other capitals and spacing are the same letter.
    const shouted = await sendLetter("BRA", "same9@example.org", { personal: same.toUpperCase().replace(/ /gu, "  ") });
    expect(await routes(shouted.letterId)).toEqual(each("digest"));
  });
});

describe("after delivery: expiry, follow-up and reply rates", () => {
  it("asks the sender after 14 days whether they got a reply, once, and counts answers per target and country", async () => {
    const { letterId, targets } = await sendLetter("FRA", "asked@example.org");
    await deliver();
    const token = statusTokenOf(letterId);
    expect(await recordReply(handle.db, { token: "forged.token", targetId: targets[0]!.id, answer: "yes", now: new Date() }, secrets)).toBe("invalid");

    const now = Date.now();
    expect(await queueDueFollowups(handle.db, new Date(now + 13 * DAY), LETTERS.followupAfterMs)).toBe(0);
    expect(await queueDueFollowups(handle.db, new Date(now + 15 * DAY), LETTERS.followupAfterMs)).toBe(1);
    expect(await queueDueFollowups(handle.db, new Date(now + 16 * DAY), LETTERS.followupAfterMs)).toBe(0);
    sink.received.length = 0;
    await deliver();
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.subject).toContain("Did you get a reply?");
    expect(sink.received[0]!.text).toContain(`/letters/status/${token}?lng=en`);
    // It names the people written to, never their addresses.
    expect(sink.received[0]!.text).toContain(targets[0]!.name);
    for (const t of targets) expect(`${sink.received[0]!.text}${sink.received[0]!.html || ""}`).not.toContain(t.email);

    expect(await recordReply(handle.db, { token, targetId: targets[0]!.id, answer: "yes", now: new Date() }, secrets)).toBe("recorded");
    expect(await recordReply(handle.db, { token, targetId: targets[1]!.id, answer: "not_yet", now: new Date() }, secrets)).toBe("recorded");
    const status = await getLetterStatus(handle.db, token, secrets);
    expect(status?.recipients.map((r) => r.reply).sort()).toEqual(["not_yet", "yes"]);

    // Two answers are too few to publish a rate; a third makes one.
    expect(await replyRateForCountry(handle.db, "FRA")).toEqual({ delivered: 2, answered: 2, replied: 1, percent: null });
    const other = await sendLetter("FRA", "other@example.org", { personal: "Another person, another reason: my rights online matter to me." });
    await deliver();
    expect(await recordReply(handle.db, { token: statusTokenOf(other.letterId), targetId: targets[0]!.id, answer: "no", now: new Date() }, secrets)).toBe("recorded");
    expect(await replyRateForCountry(handle.db, "FRA")).toEqual({ delivered: 4, answered: 3, replied: 1, percent: 33 });
    const byTarget = await replyRatesByTarget(handle.db, campaignId);
    expect(byTarget.find((r) => r.targetId === targets[0]!.id)).toMatchObject({ delivered: 2, answered: 2, replied: 1 });
  });

  it("does not take an answer for a letter that was not delivered", async () => {
    const { letterId, targets } = await sendLetter("NGA", "early@example.org");
    expect(await recordReply(handle.db, { token: statusTokenOf(letterId), targetId: targets[0]!.id, answer: "yes", now: new Date() }, secrets)).toBe("not_delivered");
    expect(await queueDueFollowups(handle.db, new Date(Date.now() + 30 * DAY), LETTERS.followupAfterMs)).toBe(0);
  });

  it("expires unconfirmed letters after the link's life", async () => {
    const { letter } = await letterTo("IND", "late@example.org");
    await writeLetter(handle.db, { campaignId, letter, lng: "en", ipHash: "ip", secrets }, LETTERS);
    expect(await expireUnconfirmedLetters(handle.db, new Date(Date.now() + DAY), LETTERS.confirmTtlMs)).toBe(0);
    expect(await expireUnconfirmedLetters(handle.db, new Date(Date.now() + 8 * DAY), LETTERS.confirmTtlMs)).toBe(1);
    expect((await handle.db.selectFrom("letters").select("status").executeTakeFirstOrThrow()).status).toBe("expired");
  });
});

describe("demand without targets", () => {
  it("counts people who found no one to write to, a few times per client address a day, for organizers", async () => {
    const now = new Date();
    const counted = [];
    for (let i = 0; i < 5; i++) counted.push(await countLetterEvent(handle.db, { campaignId, countryCode: "JPN", kind: "no_targets", ipHash: "one-address", now }));
    expect(counted).toEqual([true, true, true, false, false]);
    await countLetterEvent(handle.db, { campaignId, countryCode: "JPN", kind: "no_targets", ipHash: "another", now });
    await countLetterEvent(handle.db, { campaignId, countryCode: "FRA", kind: "no_targets", ipHash: "another", now });
    expect(await demandWithoutTargets(handle.db, campaignId)).toEqual([{ countryCode: "JPN", visits: 4 }]);
  });
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

const confirm = (letterId: string) => confirmLetter(handle.db, tokenOf(letterId), { secrets, now: new Date(), apply: true, config: LETTERS });
const counted = async () => (await countOf(handle.db, "letters", campaignId)).confirmed;
const foldAll = async () => {
  while ((await applyCountChanges(handle.db)) > 0);
};

describe("counting confirmed letters", () => {
  // On PGlite (one connection) the "simultaneous" calls below queue; with DATABASE_URL they race.
  beforeEach(async () => {
    await handle.db.deleteFrom("letter_count_changes").execute();
    await handle.db.deleteFrom("letter_counts").execute();
  });

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
    const page = await getLetterPage(handle.db, "write-to-your-government", "en", null, {});
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
