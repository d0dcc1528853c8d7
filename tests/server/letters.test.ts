import { sql } from "kysely";
import { afterAll, beforeAll, afterEach, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { applyCountChanges } from "~/modules/campaign/counter.server";
import { campaignTargets, findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { issueFormToken } from "~/modules/campaign/form-token.server";
import { formTokenIn } from "../support/sign-form";
import type { SmtpSink } from "../support/smtp-sink";
import { startTestMailbox, type TestMailbox } from "../support/test-mail";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

let server: TestServer;
let mailbox: TestMailbox;
let sink: SmtpSink;
const SLUG = "write-to-your-government";
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"];
/** France's demo targets, by name: the minister's address is public, the committee member's is not. */
let franceTargets: { id: number; email: string; name: string; email_public: boolean }[];
/** Every demo target's address, public or not. */
let allAddresses: { email: string; email_public: boolean }[];
let usaTargetId: number;
let campaignId: number;

let formToken: string;

const SETTINGS = { LETTER_MIN_FILL_SECONDS: "0" };
const CONFIG = testConfig(SETTINGS);

beforeAll(async () => {
  server = await startTestServer({ config: CONFIG });
  await seedDemoContent(server.database.db);
  mailbox = await startTestMailbox(() => server.database.db);
  sink = mailbox.sink;
  const { campaign } = (await findLetterCampaign(server.database.db, SLUG))!;
  campaignId = campaign.id;
  franceTargets = await targetsOf("FRA");
  allAddresses = await server.database.db.selectFrom("targets").select(["email", "email_public"]).execute();
  usaTargetId = (await campaignTargets(server.database.db, campaign.id, "USA"))[0]!.id;
  formToken = formTokenIn(await (await server.get(`/en/letters/${SLUG}?country=fra`)).text());
});
afterAll(async () => {
  await mailbox?.close();
  await server?.close();
});
afterEach(async () => {
  await server.database.db.deleteFrom("letters").execute();
  // Letters are deleted between tests, and their counts with them.
  await server.database.db.deleteFrom("letter_count_changes").execute();
  await server.database.db.deleteFrom("letter_counts").execute();
  await server.database.db.deleteFrom("letter_target_days").execute();
  await server.database.db.deleteFrom("letter_campaign_events").execute();
  await server.database.db.deleteFrom("outgoing_mails").execute();
  await server.database.db.deleteFrom("rate_limit_hits").execute();
  sink.received.length = 0;
});

/** A country's targets in the campaign with their addresses, in page order (only organizers see addresses). */
async function targetsOf(country: string) {
  const ids = (await campaignTargets(server.database.db, campaignId, country)).map((t) => t.id);
  const rows = await server.database.db.selectFrom("targets").select(["id", "email", "name", "email_public"]).where("id", "in", ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

/** Every target address found in a text (a page, a mail), in any case. */
const addressesIn = (body: string) => allAddresses.filter((a) => body.toLowerCase().includes(a.email)).map((a) => a.email);

const PERSONAL = "I am a journalist, and my sources trust me because their messages stay private.";
function letterForm(lng: string, overrides: Record<string, string | string[]> = {}) {
  const form = new URLSearchParams();
  const fields: Record<string, string | string[]> = {
    country: "fra",
    targets: franceTargets.map((t) => String(t.id)),
    subject: "Please protect human rights",
    body: "Dear {{target.name}},\n\nAs {{target.role}}, please do not ratify.\n\nYours,\n{{sender.name}}",
    personal: PERSONAL,
    name: "Ann Lee",
    email: "ann@example.org",
    city: "Lyon",
    intent: "send",
    formToken,
    website: "",
    ...overrides,
  };
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  return fetch(`${server.base}/${lng}/letters/${SLUG}?country=fra`, { method: "POST", body: form, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
}
const deliver = () => mailbox.deliver();
const stored = () => server.database.db.selectFrom("letters").selectAll().execute();

describe("the letter page", () => {
  it.each(LANGUAGES)("in %s shows France's demo targets by name, never their addresses", async (lng) => {
    const response = await server.get(`/${lng}/letters/${SLUG}?country=fra`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<html lang="${lng}"`);
    for (const t of franceTargets) {
      expect(html).toContain(t.name);
      expect(html).not.toContain(t.email);
    }
    expect(html).toContain('name="personal"');
  });

  it("offers the petition where a country has no one to write to, and counts that demand for organizers", async () => {
    const html = await (await server.get(`/en/letters/${SLUG}?country=jpn`)).text();
    expect(html).toContain("We have no one to write to in Japan yet");
    expect(html).toContain(`/en/petitions/stop-the-cybercrime-convention`);
    const events = await server.database.db.selectFrom("letter_campaign_events").selectAll().execute();
    expect(events).toMatchObject([{ country_code: "JPN", kind: "no_targets", count: 1 }]);
  });

  it("previews exactly what the first target will read, and stores nothing", async () => {
    const response = await letterForm("en", { intent: "preview" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Dear ${franceTargets[0]!.name},\n\n${PERSONAL}`.replaceAll("'", "&#x27;"));
    expect(html).toContain('<form id="letter-mailto" method="post"');
    expect(await stored()).toHaveLength(0);
  });

  it("hands the letter to the sender's own mail app, counted as opened, not as sent", async () => {
    const minister = franceTargets.find((t) => t.email_public)!;
    const response = await letterForm("en", { intent: "mailto", targets: [String(minister.id)] });
    expect(response.status).toBe(303);
    const mailto = new URL(response.headers.get("location")!);
    expect(mailto.protocol).toBe("mailto:");
    expect(decodeURIComponent(mailto.pathname)).toBe(minister.email);
    expect(mailto.searchParams.get("body")).toContain(`Dear ${minister.name},\n\n${PERSONAL}`);
    expect(await stored()).toHaveLength(0);
    expect(await server.database.db.selectFrom("letter_campaign_events").selectAll().execute()).toMatchObject([{ country_code: "FRA", kind: "mailto_opened", count: 1 }]);
  });
});

describe("target addresses reach a visitor only when an organizer made them public", () => {
  const COUNTRIES = ["fra", "deu", "bra", "nga", "ind", "usa"];
  const events = () => server.database.db.selectFrom("letter_campaign_events").selectAll().execute();

  it("the demo has targets of both kinds: France's minister public, its committee member not", () => {
    expect(franceTargets.map((t) => [t.name, t.email_public])).toEqual([
      ["Demo Committee Member (France)", false],
      ["Demo Minister (France)", true],
    ]);
  });

  // Single fetch (Remix v2's v3_singleFetch): a page's loader and action data are served at `<path>.data`.
  it.each(LANGUAGES)("the letter page in %s, as HTML and as loader data, holds no address of any country's targets", async (lng) => {
    for (const country of COUNTRIES) {
      const html = await (await server.get(`/${lng}/letters/${SLUG}?country=${country}`)).text();
      const data = await server.get(`/${lng}/letters/${SLUG}.data?country=${country}`);
      expect(data.status).toBe(200);
      const stream = await data.text();
      // The loader data names the people: it is the page's data, not an empty answer.
      expect(stream).toContain('"targets"');
      expect(stream).toContain('"Demo ');
      expect(addressesIn(html), `${lng} ${country}`).toEqual([]);
      expect(addressesIn(stream), `${lng} ${country}`).toEqual([]);
    }
  });

  it("a preview holds no address at all, public or not: not as a page, not as action data", async () => {
    const html = await (await letterForm("en", { intent: "preview" })).text();
    expect(html).toContain(`Dear ${franceTargets[0]!.name},`);
    expect(addressesIn(html)).toEqual([]);
    const data = await fetch(`${server.base}/en/letters/${SLUG}.data?country=fra`, {
      method: "POST",
      body: new URLSearchParams([...franceTargets.map((t): [string, string] => ["targets", String(t.id)]), ["country", "fra"], ["subject", "Please"], ["body", "Dear {{target.name}},\n\nNo."], ["personal", PERSONAL], ["name", "Ann Lee"], ["email", "ann@example.org"], ["intent", "preview"], ["formToken", formToken]]),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(data.status).toBe(200);
    const stream = await data.text();
    expect(stream).toContain('"ownMailApp"');
    expect(stream).toContain(`Dear ${franceTargets[0]!.name},`);
    expect(addressesIn(stream)).toEqual([]);
    expect(await events()).toEqual([]);
  });

  it("the mail-app option is offered for the chosen people whose address is public, and only for them", async () => {
    const [member, minister] = franceTargets;
    const both = await (await letterForm("en", { intent: "preview" })).text();
    const mailForm = /<form id="letter-mailto"[^]*?<\/form>/u.exec(both)![0];
    expect(mailForm).toContain(`name="targets" value="${minister!.id}"`);
    expect(mailForm).not.toContain(`value="${member!.id}"`);
    expect(both).toContain(`<p class="note">Your own mail app can write only to ${minister!.name}: the addresses of the others you chose are not public.`);

    const onlyMinister = await (await letterForm("en", { intent: "preview", targets: [String(minister!.id)] })).text();
    expect(onlyMinister).toContain('<form id="letter-mailto"');
    expect(onlyMinister).not.toContain("can write only to Demo");

    const onlyMember = await (await letterForm("en", { intent: "preview", targets: [String(member!.id)] })).text();
    expect(onlyMember).toContain('class="letter-preview"');
    expect(onlyMember).not.toContain("letter-mailto");
    expect(await events()).toEqual([]);
  });

  it.each([
    ["the private one alone", () => [String(franceTargets.find((t) => !t.email_public)!.id)]],
    ["the private one beside the public one", () => franceTargets.map((t) => String(t.id))],
  ])("a forged mail-app POST naming %s gets the form back with a message; no address, nothing counted", async (_what, targets) => {
    const response = await letterForm("en", { intent: "mailto", targets: targets(), personal: `${PERSONAL} (kept)` });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    const html = await response.text();
    expect(html).toContain('<a href="#letter-targets">Your own mail app can only write to people whose address is public.');
    expect(html).toContain("(kept)");
    expect(addressesIn(html)).toEqual([]);
    expect(await events()).toEqual([]);
    expect(await stored()).toHaveLength(0);
  });

  it("nor does any other public answer: the JSON API, the embed, the country pages", async () => {
    const paths = ["/api/v1/countries", "/api/v1/countries/fra", "/api/v1/countries/usa", "/api/v1/petitions/stop-the-cybercrime-convention", "/embed/petitions/stop-the-cybercrime-convention", "/en/countries/fra", "/en/countries/usa", `/en/letters/${SLUG}/sent`];
    for (const path of paths) {
      const response = await server.get(path);
      expect(response.status, path).toBe(200);
      expect(addressesIn(await response.text()), path).toEqual([]);
    }
  });

  it("an address an organizer makes private again is refused to a page served before", async () => {
    const minister = franceTargets.find((t) => t.email_public)!;
    await server.database.db.updateTable("targets").set({ email_public: false }).where("id", "=", minister.id).execute();
    try {
      const response = await letterForm("en", { intent: "mailto", targets: [String(minister.id)] });
      expect(response.status).toBe(400);
      expect(addressesIn(await response.text())).toEqual([]);
      expect(await events()).toEqual([]);
    } finally {
      await server.database.db.updateTable("targets").set({ email_public: true }).where("id", "=", minister.id).execute();
    }
  });
});

describe("bad letters", () => {
  const cases: [string, Record<string, string | string[]>, string][] = [
    ["an empty personal paragraph", { personal: "" }, "Add a paragraph in your own words"],
    ["a target of another country", { targets: [String(usaTargetId)] }, "Choose people from the list for your country."],
    ["an address instead of a target", { targets: ["victim@example.org"] }, "Choose people from the list for your country."],
    ["CR/LF in the subject", { subject: "Hi\r\nBcc: victim@example.org" }, "Please write this on one line."],
    ["HTML in the body", { body: "<script>alert(1)</script>" }, "letters are sent as plain text"],
    ["a 100 KB body", { body: "x".repeat(60_000) }, "at most 10,000 characters"],
  ];
  it.each(cases)("%s: a message by the field, the text kept, nothing stored or sent", async (_what, overrides, message) => {
    const response = await letterForm("en", { personal: `${PERSONAL} (kept)`, ...overrides });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    if (!("personal" in overrides)) expect(html).toContain("(kept)");
    expect(await stored()).toHaveLength(0);
    expect(await server.database.db.selectFrom("outgoing_mails").selectAll().execute()).toHaveLength(0);
  });
});

describe("limits from the environment", () => {
  it("applies LETTERS_PER_SENDER_PER_DAY without telling the form: the owner of the address is told by mail", async () => {
    server.reconfigure(testConfig({ ...SETTINGS, LETTERS_PER_SENDER_PER_DAY: "1" }));
    try {
      const first = await letterForm("en", { email: "limited@example.org" });
      expect(first.status).toBe(302);
      // Another spelling of the same mailbox: one person, over the limit, and the same answer as a letter kept.
      const second = await letterForm("fr", { email: "Limited+2@example.org" });
      expect(second.status).toBe(first.status);
      // Each answer has a referral code of its own (the refused letter's is stored nowhere): the same shape.
      const shape = (location: string | null) => location!.replace(/ref=[\w-]{8}/u, "ref=…");
      expect(shape(second.headers.get("location"))).toBe(shape(first.headers.get("location")).replace("/en/", "/fr/"));
      expect(await second.text()).toBe("");
      expect((await stored()).map((l) => l.sender_email)).toEqual(["limited@example.org"]);
      await deliver();
      const notice = sink.received.find((m) => m.subject === "Votre lettre n’a pas été envoyée");
      expect(notice?.text).toContain("autant de lettres que nous en acceptons en une journée");
      expect(JSON.stringify(notice?.to)).toContain("Limited+2@example.org");
    } finally {
      server.reconfigure(CONFIG);
    }
  });
});

describe("the letter form against bots (form token, minimum fill time, honeypot)", () => {
  const mails = () => server.database.db.selectFrom("outgoing_mails").selectAll().execute();

  it.each([
    ["no form token", () => ""],
    ["a forged token", () => `${formToken.slice(0, -2)}xx`],
    ["a sign form's token", () => issueFormToken(campaignId, new Date(), ["test-secret"], "sign")],
    // A day to fill it in after the oldest copy a shared cache may serve (ADR 0042).
    ["a token older than its maximum age", () => issueFormToken(campaignId, new Date(Date.now() - CONFIG.letters.formMaxAgeMs - 5000), ["test-secret"], "letter")],
  ])("%s: the form comes back, nothing stored or sent", async (_what, token) => {
    const response = await letterForm("en", { personal: `${PERSONAL} (kept)`, formToken: token() });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("This form had expired or was not sent from our page.");
    expect(html).toContain("(kept)");
    expect(await stored()).toHaveLength(0);
    expect(await mails()).toHaveLength(0);
  });

  it("a filled honeypot gets the usual answer while nothing is stored or sent", async () => {
    const response = await letterForm("en", { website: "http://spam.example" });
    expect(response.status).toBe(302);
    // A referral code too, made for this answer: the same answer as for a stored letter.
    expect(response.headers.get("location")).toMatch(new RegExp(`^/en/letters/${SLUG}/sent\\?ref=[\\w-]{8}&country=fra$`, "u"));
    expect(await stored()).toHaveLength(0);
    expect(await mails()).toHaveLength(0);
  });

  it("a letter sent faster than LETTER_MIN_FILL_SECONDS is refused with a note; the same form later goes through", async () => {
    server.reconfigure(testConfig({ ...SETTINGS, LETTER_MIN_FILL_SECONDS: "60" }));
    try {
      const fresh = formTokenIn(await (await server.get(`/fr/letters/${SLUG}?country=fra`)).text());
      const tooFast = await letterForm("fr", { formToken: fresh });
      expect(tooFast.status).toBe(400);
      const html = await tooFast.text();
      expect(html).toContain("plus rapide qu’une personne");
      // The form keeps the token it was served with, so its time still counts from the first page.
      expect(formTokenIn(html)).toBe(fresh);
      expect(await stored()).toHaveLength(0);
      const minuteOld = issueFormToken(campaignId, new Date(Date.now() - 61_000), ["test-secret"], "letter");
      expect((await letterForm("fr", { formToken: minuteOld })).status).toBe(302);
      expect(await stored()).toHaveLength(1);
    } finally {
      server.reconfigure(CONFIG);
    }
  });

  it("a preview keeps the served token in the form and in the mail-app form", async () => {
    const html = await (await letterForm("en", { intent: "preview" })).text();
    expect(html.match(/name="formToken" value="([^"]+)"/gu)).toEqual([`name="formToken" value="${formToken}"`, `name="formToken" value="${formToken}"`]);
  });

  it("counts only letters let through against the client address", async () => {
    server.reconfigure(testConfig({ ...SETTINGS, LETTERS_PER_SENDER_PER_DAY: "1", LETTERS_PER_ADDRESS_PER_DAY: "2" }));
    try {
      const outcomes = [];
      for (const email of ["a@example.org", "a@example.org", "b@example.org", "c@example.org"]) outcomes.push((await letterForm("en", { email })).status);
      // a@'s second letter is not kept (one per sender) and takes no place of the address's two; the form
      // answers as for any letter (whether an address has written is its owner's to know: they get a mail).
      expect(outcomes).toEqual([302, 302, 302, 400]);
      expect((await server.database.db.selectFrom("outgoing_mails").select("recipient").where("template", "=", "letter-limit").execute()).map((m) => m.recipient)).toEqual(["a@example.org"]);
      expect((await stored()).map((l) => l.sender_email).sort()).toEqual(["a@example.org", "b@example.org"]);
    } finally {
      server.reconfigure(CONFIG);
    }
  });
});

describe("write → confirm → deliver, through a real SMTP server", () => {
  it.each(LANGUAGES)("in %s, the letter reaches each target with Reply-To the sender", async (lng) => {
    const sent = await letterForm(lng, { email: `${lng}.sender@example.org` });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toMatch(new RegExp(`^/${lng}/letters/${SLUG}/sent\\?ref=[\\w-]{8}&country=fra$`, "u"));
    await deliver();
    expect(sink.received.map((m) => m.to && JSON.stringify(m.to))).toEqual([expect.stringContaining(`${lng}.sender@example.org`)]);
    const link = new RegExp(`${TEST_PUBLIC_URL}(/confirm/\\S+)`, "u").exec(sink.received[0]!.text!)![1]!;

    expect(await (await server.get(link)).text()).toContain('<form method="post"');
    expect((await fetch(`${server.base}${link}`, { method: "POST", redirect: "manual" })).status).toBe(303);
    expect(await (await server.get(`${link}&done`)).text()).toContain(`<html lang="${lng}"`);
    // The campaign page counts confirmed letters (and only those), once the counting job has run.
    await applyCountChanges(server.database.db);
    const confirmed = await server.database.db.selectFrom("letters").select(sql<string>`count(*)`.as("n")).where("status", "=", "confirmed").executeTakeFirstOrThrow();
    expect(Number(confirmed.n)).toBeGreaterThan(0);
    expect(await (await server.get(`/${lng}/letters/${SLUG}`)).text()).toContain(`data-testid="letter-count">${confirmed.n}</strong>`);

    await deliver();
    const toTargets = sink.received.filter((m) => franceTargets.some((t) => JSON.stringify(m.to).includes(t.email)));
    expect(toTargets).toHaveLength(franceTargets.length);
    for (const mail of toTargets) {
      expect(mail.replyTo?.text).toBe(`${lng}.sender@example.org`);
      expect(mail.text).toContain(PERSONAL);
    }
    expect(sink.received).toHaveLength(1 + franceTargets.length + 1);

    // The receipt links to the letter's page: delivered, and "did you get a reply?" (a POST per answer).
    const receipt = sink.received.find((m) => JSON.stringify(m.to).includes(`${lng}.sender@example.org`) && m.text?.includes("/letters/status/"))!;
    const statusLink = new RegExp(`${TEST_PUBLIC_URL}(/letters/status/\\S+)`, "u").exec(receipt.text!)![1]!;
    const statusPage = await (await server.get(statusLink)).text();
    expect(statusPage).toContain(`<html lang="${lng}"`);
    expect(statusPage).toContain('name="answer" value="yes"');
    // The sender's mails (confirm, receipt) and the letter's page name the people written to, never their addresses.
    const toSender = sink.received.filter((m) => JSON.stringify(m.to).includes(`${lng}.sender@example.org`));
    expect(toSender).toHaveLength(2);
    for (const mail of toSender) expect(addressesIn(`${mail.subject}\n${mail.text}\n${mail.html || ""}`)).toEqual([]);
    expect(statusPage).toContain(franceTargets[0]!.name);
    expect(addressesIn(statusPage)).toEqual([]);
    const answer = new URLSearchParams({ target: String(franceTargets[0]!.id), answer: "yes" });
    const posted = await fetch(`${server.base}${statusLink}`, { method: "POST", body: answer, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toContain("saved=recorded");
    const replies = await server.database.db.selectFrom("letter_recipients").select("reply").where("reply", "is not", null).execute();
    expect(replies).toEqual([{ reply: "yes" }]);
    const bad = await fetch(`${server.base}${statusLink}`, { method: "POST", body: new URLSearchParams({ target: "1", answer: "maybe" }), redirect: "manual" });
    expect(bad.status).toBe(400);
  });
});

describe("reply rates on the country page", () => {
  it("shows how many letters reached the country's decision makers, and invites people to write", async () => {
    const html = await (await server.get("/en/countries/fra")).text();
    expect(html).toContain("Letters to the decision makers of France");
    expect(html).toContain(`/en/letters/${SLUG}?country=fra`);
  });
});
