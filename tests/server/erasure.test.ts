import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { seedDemoContent } from "../../server/demo-content";
import { countHit } from "~/lib/rate-limit.server";
import { applyCountChanges } from "~/modules/campaign/counter.server";
import { sendDueDigests } from "~/modules/letter/letter-digests.server";
import { queueDueFollowups } from "~/modules/letter/letter-followups.server";
import { letterConfirmUrlFor } from "~/lib/links/letter-links.server";
import { campaignTargets, findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { addressLimitKey } from "~/modules/mail/address-key.server";
import { deliverClaimedMails } from "~/modules/mail/mail-worker.server";
import { claimDueMails, suppressedAmong } from "~/modules/mail/outbox.repo.server";
import { sendTestMail } from "~/modules/mail/test-mail.service.server";
import { unsubscribeUrlFor } from "~/modules/mail/unsubscribe.service.server";
import { emailKey } from "~/modules/mail/email-key";
import { organizerClient, SECRETS } from "../support/organizer-client";
import { formTokenIn, postSignature } from "../support/sign-form";
import type { SmtpSink } from "../support/smtp-sink";
import { startTestMailbox, type TestMailbox } from "../support/test-mail";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * An erasure, end to end: one person leaves traces everywhere through the
 * real pages and services, an admin erases them by a differently spelled
 * address, and then every row of every table is searched for them, and
 * compared with the rows before, so that nothing of anyone else changed.
 */

let server: TestServer;
let mailbox: TestMailbox;
let sink: SmtpSink;
const { post, signInAs, csrfOf } = organizerClient(() => server);
const SLUG = "write-to-your-government";
const DAY = 86_400_000;

// The person: one Gmail mailbox, spelled five ways.
const NAME = "Zoë Quillfeather";
const CITY = "Kirkwall";
const SPELLINGS = {
  signs: "Zoe.Quill+petition@Gmail.com",
  writes: "zoequill@googlemail.com",
  writesAgain: "ZOE.QUILL@gmail.com",
  news: "zoe.quill+news@gmail.com",
  erasedAs: "Z.O.E.Quill+Erase@GMAIL.COM",
};
const COMMENT = "Signed by a harpsichord tuner from the northern isles";
const WORDS = {
  france: "As a harpsichord tuner I travel with client lists that this convention would open to any government.",
  digestSent: "My second letter: harpsichord tuners keep private notes on every household they visit.",
  digestQueued: "A third letter from the harpsichord workshop, still waiting in tonight's digest mail.",
  india: "Harpsichord tuning is quiet work, and I would like my correspondence to stay quiet as well.",
  unsent: "An unsent letter about harpsichords that I never confirmed by mail.",
};
// Someone else, whose letters share digests with hers, and look-alike addresses that are other people.
const OTHER = { name: "Olu Other", email: "olu.other@example.org", city: "Lagos", words: "Another person entirely: I teach, and my pupils' messages deserve privacy." };
const LOOKALIKES = ["zoequil@gmail.com", "xzoequill@gmail.com"];

const deliver = () => mailbox.deliver();
const SETTINGS = { SIGN_MIN_FILL_SECONDS: "0", LETTER_MIN_FILL_SECONDS: "0", PETITION_CACHE_MS: "0", MAIL_BOUNCE_SECRET: "bounce-secret" };
const CONFIG = testConfig(SETTINGS);

beforeAll(async () => {
  server = await startTestServer({ config: CONFIG });
  await seedDemoContent(server.database.db);
  mailbox = await startTestMailbox(() => server.database.db, 200);
  sink = mailbox.sink;
});
afterAll(async () => {
  await mailbox?.close();
  await server?.close();
});

/** Every row of every table in the public schema, as JSON text, by table. */
async function dumpDatabase(db: Kysely<Database>): Promise<Map<string, string[]>> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const dump = new Map<string, string[]>();
  for (const { name } of tables.rows) {
    const rows = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(name)} as t`.execute(db);
    dump.set(name, rows.rows.map((r) => r.row).sort());
  }
  return dump;
}

/** Rows of `a` not in `b` (as multisets). */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const row of b) left.set(row, (left.get(row) ?? 0) + 1);
  return a.filter((row) => {
    const n = left.get(row) ?? 0;
    if (n === 0) return true;
    left.set(row, n - 1);
    return false;
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
/** What must be found nowhere: every spelling (not as part of a longer address), the key, the name, the city, the words. */
const MARKERS: RegExp[] = [
  ...[...Object.values(SPELLINGS), emailKey(SPELLINGS.erasedAs)].map((address) => new RegExp(`(?<![\\w.%+-])${escape(address)}`, "iu")),
  /(?<![\w.%+-])(z\.?o\.?e\.?quill)(\+\w*)?@(g|google)mail\.com/iu,
  new RegExp(escape(NAME), "iu"),
  /quillfeather/iu,
  new RegExp(CITY, "iu"),
  new RegExp(escape(COMMENT), "iu"),
  /harpsichord/iu,
  // The audit log's former "fingerprint" of the address: an unkeyed hash anyone could check an address against.
  ...[...Object.values(SPELLINGS), emailKey(SPELLINGS.erasedAs)].map(
    (address) => new RegExp(createHash("sha256").update(address.trim().toLowerCase()).digest("hex").slice(0, 16), "iu"),
  ),
];
const aboutHer = (row: string) => MARKERS.some((marker) => marker.test(row));
/** Her keyed hash: allowed only where it keeps her from being mailed again. */
const HER_KEYS = [addressLimitKey(SPELLINGS.erasedAs, SECRETS)];

async function confirmLinkMailedTo(address: string): Promise<string> {
  await deliver();
  const mail = [...sink.received].reverse().find((m) => JSON.stringify(m.to).toLowerCase().includes(address.toLowerCase()) && /\/confirm\//u.test(m.text ?? ""));
  if (!mail) throw new Error(`No confirmation mail to ${address}`);
  return new RegExp(`${TEST_PUBLIC_URL}(/confirm/\\S+)`, "u").exec(mail.text!)![1]!;
}

async function press(link: string) {
  const response = await post(link, {});
  expect(response.status).toBe(303);
}

async function writeLetter(country: string, who: { name: string; email: string; city: string; words: string }) {
  const page = `/en/letters/${SLUG}?country=${country}`;
  const formToken = formTokenIn(await (await server.get(page)).text());
  const { campaign } = (await findLetterCampaign(server.database.db, SLUG))!;
  const targets = await campaignTargets(server.database.db, campaign.id, country.toUpperCase());
  const response = await post(page, {
    country,
    targets: targets.map((t) => String(t.id)),
    subject: "Please protect human rights",
    body: "Dear {{target.name}},\n\nPlease do not ratify.\n\nYours,\n{{sender.name}}, {{sender.city}}",
    personal: who.words,
    name: who.name,
    email: who.email,
    city: who.city,
    intent: "send",
    formToken,
    website: "",
  });
  expect(response.status).toBe(302);
  const letter = await server.database.db.selectFrom("letters").select("id").where("sender_email", "=", who.email).orderBy("id", "desc").executeTakeFirstOrThrow();
  return letter.id;
}
const confirmPathOf = (letterId: string) => new URL(letterConfirmUrlFor(letterId, TEST_PUBLIC_URL, "en", SECRETS)).pathname;
const setDelivery = (mode: "individual" | "digest") => server.database.db.updateTable("letter_campaigns").set({ delivery_mode: mode }).where("slug", "=", SLUG).execute();

describe("erasing a person", () => {
  it("leaves nothing of her in any table, in any spelling, while nothing of anyone else changes, and the worker sends nothing of hers afterwards", async () => {
    const db = server.database.db;
    const her = { name: NAME, city: CITY };

    // She signs the demo petition and confirms; a look-alike address (someone else) signs too.
    expect((await postSignature(server, "/en/petitions/stop-the-cybercrime-convention", { name: NAME, email: SPELLINGS.signs, country: "GBR", comment: COMMENT, showName: true })).status).toBe(302);
    await press(await confirmLinkMailedTo(SPELLINGS.signs));
    expect((await postSignature(server, "/en/petitions/stop-the-cybercrime-convention", { name: "Dana Decoy", email: LOOKALIKES[0], country: "IRL" })).status).toBe(302);
    await press(await confirmLinkMailedTo(LOOKALIKES[0]!));
    // A second petition she signs but never confirms.
    const second = await db.insertInto("petitions").values({ slug: "second-petition", status: "live", default_language: "en", opened_at: new Date() }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("petition_texts").values({ petition_id: second.id, language: "en", title: "A second petition", body_markdown: "Sign this too.", addressed_to: "Everyone" }).execute();
    await db.insertInto("petition_counts").values({ petition_id: second.id, confirmed: 0 }).execute();
    expect((await postSignature(server, "/en/petitions/second-petition", { name: NAME, email: SPELLINGS.writesAgain, country: "GBR" })).status).toBe(302);
    await deliver();

    // A letter to France: confirmed, delivered to each target with Reply-To her, a receipt, a reply reported, and the follow-up.
    const france = await writeLetter("fra", { ...her, email: SPELLINGS.writes, words: WORDS.france });
    await press(await confirmLinkMailedTo(SPELLINGS.writes));
    await deliver();
    const receipt = sink.received.find((m) => /\/letters\/status\//u.test(m.text ?? "") && JSON.stringify(m.to).includes(SPELLINGS.writes))!;
    const statusPath = new RegExp(`${TEST_PUBLIC_URL}(/letters/status/[^?\\s]+)`, "u").exec(receipt.text!)![1]!;
    const franceTarget = (await db.selectFrom("letter_recipients").select("target_id").where("letter_id", "=", france).orderBy("target_id").executeTakeFirstOrThrow()).target_id;
    expect((await post(statusPath, { target: String(franceTarget), answer: "yes" })).status).toBe(303);
    expect(await queueDueFollowups(db, new Date(Date.now() + 15 * DAY), 14 * DAY)).toBe(1);
    await deliver();

    // Digest mode: her letter and another person's reach Germany's targets in one digest, sent.
    await setDelivery("digest");
    await writeLetter("deu", { ...her, email: SPELLINGS.writesAgain, words: WORDS.digestSent });
    await press(await confirmLinkMailedTo(SPELLINGS.writesAgain));
    await writeLetter("deu", { ...OTHER, words: `${OTHER.words} (to Germany)` });
    await press(await confirmLinkMailedTo(OTHER.email));
    expect(await sendDueDigests(db, new Date(Date.now() + DAY))).toBeGreaterThan(0);
    await deliver();
    expect(sink.received.some((m) => m.subject?.includes("2 people wrote to you") && m.text?.includes(WORDS.digestSent) && m.text.includes(OTHER.words))).toBe(true);

    // She follows two countries: one confirmed, one still waiting for her click.
    for (const [code, address] of [["fra", SPELLINGS.news], ["per", SPELLINGS.signs]] as const) {
      const formToken = formTokenIn(await (await fetch(`${server.base}/en/countries/${code}/follow`)).text());
      expect((await post(`/en/countries/${code}/follow`, { formToken, email: address, language: "en" })).status).toBe(303);
    }
    await press(await confirmLinkMailedTo(SPELLINGS.news));

    // She unsubscribes from one spelling; a bounce arrives for another; she asks for a sign-in link; so does a look-alike.
    expect((await fetch(`${server.base}${unsubscribeUrlFor(SPELLINGS.news, "", SECRETS)}`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" })).status).toBe(302);
    const bounce = await fetch(`${server.base}/api/v1/mail/bounces`, { method: "POST", body: JSON.stringify({ email: SPELLINGS.writes, type: "bounce" }), headers: { "content-type": "application/json", authorization: "Bearer bounce-secret" } });
    expect(bounce.status).toBe(200);
    expect((await post("/en/organize/sign-in", { email: SPELLINGS.news })).status).toBe(303);
    expect((await post("/en/organize/sign-in", { email: LOOKALIKES[1]! })).status).toBe(303);
    // Per-address counters keyed by the keyed hash of the address.
    await countHit(db, `letter-sender:address:${addressLimitKey(SPELLINGS.writes, SECRETS)}`, 86_400);
    await countHit(db, `organizer-sign-in:address:${addressLimitKey(SPELLINGS.news, SECRETS)}`, 3_600);
    await countHit(db, `organizer-sign-in:address:${addressLimitKey(LOOKALIKES[1]!, SECRETS)}`, 3_600);

    // Still to send: a digest to Nigeria shared with the other person, a letter to India, a letter never confirmed, a test mail.
    await writeLetter("nga", { ...her, email: SPELLINGS.signs, words: WORDS.digestQueued });
    await writeLetter("nga", { ...OTHER, words: `${OTHER.words} (to Nigeria)` });
    for (const letter of await db.selectFrom("letters").select("id").where("status", "=", "pending").execute()) await press(confirmPathOf(letter.id));
    expect(await sendDueDigests(db, new Date(Date.now() + 2 * DAY))).toBeGreaterThan(0);
    await setDelivery("individual");
    const india = await writeLetter("ind", { ...her, email: SPELLINGS.writes, words: WORDS.india });
    await press(confirmPathOf(india));
    await writeLetter("usa", { ...her, email: SPELLINGS.writesAgain, words: WORDS.unsent });
    expect(await sendTestMail(db, { to: SPELLINGS.news, lng: "en" })).toEqual({ ok: true });
    // A worker has claimed everything still queued and is about to send it.
    const inFlight = await claimDueMails(db, 200, 60_000);
    expect(inFlight.filter((m) => m.template === "letter-digest")).not.toHaveLength(0);
    expect(inFlight.filter((m) => m.reply_to !== null)).not.toHaveLength(0);

    // The admin exports her data, then erases her, typing yet another spelling.
    const cookie = await signInAs("admin", "privacy-admin@example.org");
    const csrf = await csrfOf(cookie);
    const exported = await post("/en/organize/people/export", { csrf, email: SPELLINGS.erasedAs }, { cookie });
    const person = (await exported.json()) as { signatures: unknown[]; letters: unknown[] };
    expect(person.signatures).toHaveLength(2);
    expect(person.letters).toHaveLength(5);
    const herLetters = (await db.selectFrom("letters").select(["id", "sender_email"]).execute()).filter((l) => emailKey(l.sender_email) === emailKey(SPELLINGS.erasedAs)).map((l) => l.id);
    expect(herLetters).toHaveLength(5);
    const herDigests = (await db.selectFrom("letter_recipients").select("digest_id").where("letter_id", "in", herLetters).where("digest_id", "is not", null).execute()).map((r) => r.digest_id!);

    const { campaign } = (await findLetterCampaign(db, SLUG))!;
    const before = await dumpDatabase(db);
    expect(before.size).toBeGreaterThanOrEqual(33);
    expect([...before.values()].flat().filter(aboutHer).length).toBeGreaterThan(20);

    const erased = await post("/en/organize/people", { csrf, intent: "erase", email: SPELLINGS.erasedAs, confirm: "yes" }, { cookie });
    expect(erased.status).toBe(200);
    expect(await erased.text()).toContain("Erased: 2 signatures, 5 letters");

    const after = await dumpDatabase(db);
    // 1. Nothing of her, anywhere; her keyed hash only on the do-not-mail list.
    for (const [table, rows] of after) {
      for (const row of rows) {
        expect(aboutHer(row), `${table}: ${row}`).toBe(false);
        if (table !== "mail_suppressions") for (const key of HER_KEYS) expect(row, table).not.toContain(key);
      }
    }
    // 2. Nothing of anyone else changed: every row that went was hers (or linked only to her letters),
    //    and every row that came is an erasure's own record or a mail kept without her part.
    const removedMailIds = new Set<string>();
    const changes: Record<string, { removed: number; added: number }> = {};
    for (const [table, rows] of before) {
      const removed = minus(rows, after.get(table) ?? []);
      const added = minus(after.get(table) ?? [], rows);
      if (removed.length + added.length > 0) changes[table] = { removed: removed.length, added: added.length };
      for (const row of removed) {
        const parsed = JSON.parse(row) as Record<string, unknown>;
        const hers =
          aboutHer(row) ||
          (table === "letter_recipients" && herLetters.includes(String(parsed.letter_id))) ||
          (table === "letter_digests" && herDigests.includes(String(parsed.id))) ||
          (table === "rate_limit_hits" && HER_KEYS.some((key) => String(parsed.bucket).includes(key)));
        expect(hers, `${table}: a row that was not hers went: ${row}`).toBe(true);
        if (table === "outgoing_mails") removedMailIds.add(String(parsed.id));
      }
      for (const row of added) {
        const parsed = JSON.parse(row) as Record<string, unknown>;
        if (table === "outgoing_mails" || table === "letter_digests") {
          // Changed in place: a letter to a target kept as a delivery record, a digest without her letter.
          expect(table === "letter_digests" ? herDigests : [...removedMailIds], row).toContain(String(parsed.id));
        } else if (table === "signature_count_changes") {
          expect(parsed).toMatchObject({ delta: -1, country_code: "GBR" });
        } else if (table === "petition_log_queue") {
          // Her signature's log entry stays (it holds nothing about her); a removal is queued, as for a withdrawal.
          expect(parsed).toMatchObject({ kind: "remove", reason: "withdrawn", country_code: "GBR", commitment: null, secret: null });
        } else if (table === "letter_count_changes") {
          expect(parsed).toMatchObject({ delta: -1, campaign_id: campaign.id });
        } else if (table === "audit_log") {
          expect(parsed).toMatchObject({ action: "person.erase", actor_email: "privacy-admin@example.org", subject: null });
        } else {
          throw new Error(`${table}: a row appeared: ${row}`);
        }
      }
    }
    expect(Object.keys(changes).sort()).toEqual(
      ["audit_log", "country_follows", "letter_count_changes", "letter_digests", "letter_recipients", "letters", "outgoing_mails", "people", "petition_log_queue", "rate_limit_hits", "signature_count_changes", "signatures"].sort(),
    );
    // Only her confirmed signature and her four confirmed letters come off the counts; the erasure is audited with counts only.
    expect(changes.signature_count_changes).toEqual({ removed: 0, added: 1 });
    expect(changes.petition_log_queue).toEqual({ removed: 0, added: 1 });
    expect(changes.letter_count_changes).toEqual({ removed: 0, added: 4 });
    // Her two follows go; nobody else follows anything here.
    expect(changes.country_follows).toEqual({ removed: 2, added: 0 });
    await applyCountChanges(db);
    const counted = await db.selectFrom("letter_counts").select("confirmed").where("campaign_id", "=", campaign.id).executeTakeFirstOrThrow();
    const confirmed = await db.selectFrom("letters").select(sql<string>`count(*)`.as("n")).where("campaign_id", "=", campaign.id).where("status", "=", "confirmed").executeTakeFirstOrThrow();
    expect(Number(counted.confirmed)).toBe(Number(confirmed.n));
    expect(Number(confirmed.n)).toBe(2);
    const signed = await db.selectFrom("petition_counts as c").innerJoin("petitions as p", "p.id", "c.petition_id").select("c.confirmed").where("p.slug", "=", "stop-the-cybercrime-convention").executeTakeFirstOrThrow();
    expect(Number(signed.confirmed)).toBe(1);
    expect(changes.audit_log).toEqual({ removed: 0, added: 1 });
    const audit = await db.selectFrom("audit_log").select(["action", "subject", "details"]).where("action", "like", "person.%").orderBy("id").execute();
    expect(audit).toEqual([
      { action: "person.export", subject: null, details: { signatures: 2, letters: 5, follows: 2, mails: expect.any(Number) } },
      { action: "person.erase", subject: null, details: expect.objectContaining({ signatures: 2, letters: 5, follows: 2, organizer: false }) },
    ]);

    // 3. What the targets received stays on record, without her: France's letters, and the sent digest to Germany with the other letter only.
    const toTargets = await db.selectFrom("outgoing_mails").selectAll().where("template", "in", ["letter", "letter-digest"]).where("status", "=", "sent").execute();
    const keptLetters = toTargets.filter((m) => m.template === "letter");
    expect(keptLetters.length).toBeGreaterThan(0);
    for (const mail of keptLetters) expect(mail).toMatchObject({ template_data: {}, reply_to: null, content_removed_at: expect.anything() });
    const germanDigests = toTargets.filter((m) => m.template === "letter-digest");
    expect(germanDigests.length).toBeGreaterThan(0);
    for (const digest of germanDigests) {
      expect(JSON.stringify(digest.template_data)).toContain(OTHER.words);
      expect(digest.template_data).toMatchObject({ count: 2, entries: [expect.objectContaining({ name: OTHER.name, city: OTHER.city })] });
    }
    // The other person's letters are whole.
    expect(await db.selectFrom("letters").select("personal_paragraph").where("sender_email", "=", OTHER.email).orderBy("id").execute()).toEqual([
      { personal_paragraph: `${OTHER.words} (to Germany)` },
      { personal_paragraph: `${OTHER.words} (to Nigeria)` },
    ]);

    // 4. The worker goes on with the batch it claimed: nothing of hers is sent; the Nigerian digest goes with the other letter only.
    sink.received.length = 0;
    const report = await deliverClaimedMails(db, mailbox.transport, mailbox.worker, inFlight);
    expect(report.cancelled).toBeGreaterThan(0);
    expect(report.sent).toBeGreaterThan(0);
    expect(report.failed + report.retried).toBe(0);
    const sentNow = sink.received.map((m) => `${JSON.stringify(m.to)} ${JSON.stringify(m.replyTo)} ${m.subject} ${m.text}`);
    for (const mail of sentNow) expect(aboutHer(mail), mail).toBe(false);
    expect(sentNow.filter((m) => m.includes(`${OTHER.words} (to Nigeria)`)).length).toBeGreaterThan(0);
    expect(sentNow.some((m) => m.includes("1 person wrote to you"))).toBe(true);
    for (const [table, rows] of await dumpDatabase(db)) for (const row of rows) expect(aboutHer(row), `${table}: ${row}`).toBe(false);

    // 5. She stays on the do-not-mail list, whichever way her address is spelled.
    const stillSuppressed = await suppressedAmong(db, ["zoe.quill@gmail.com", "ZoeQuill+whatever@googlemail.com", LOOKALIKES[0]!], SECRETS);
    expect([...stillSuppressed].sort()).toEqual(["ZoeQuill+whatever@googlemail.com", "zoe.quill@gmail.com"].sort());
  });
});

describe("the privacy page", () => {
  it.each(["en", "fr", "es", "ar", "ru", "zh"])("in %s says what is kept, for how long with this site's settings, and what erasure removes", async (lng) => {
    const texts = (JSON.parse(readFileSync(`locales/${lng}/common.json`, "utf8")) as { privacy: Record<string, Record<string, string>> }).privacy;
    server.reconfigure(testConfig({ ...SETTINGS, RETENTION_MAIL_DAYS: "14" }));
    try {
      // React 18's streaming renderer may put a NUL byte where a multi-byte character meets its 2 KB buffer's end (fixed in React 19).
      const html = (await (await server.get(`/${lng}/privacy`)).text()).replaceAll("\u0000", "");
      const plural = new Intl.PluralRules(lng).select(14);
      for (const expected of [texts.retention!.title!, texts.retention![`mail_${plural}`]!.replace("{{count}}", "14"), texts.retention![`closed_${new Intl.PluralRules(lng).select(90)}`]!.replace("{{count}}", "90"), texts.erasure!.body!]) {
        expect(html).toContain(expected.replaceAll("'", "&#x27;"));
      }
    } finally {
      server.reconfigure(CONFIG);
    }
  });
});
