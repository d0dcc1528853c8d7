import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { applyCountChanges } from "~/modules/campaign/counter.server";
import { processSignatureRepeats } from "~/modules/petition/signing.service.server";
import { awayFromMinuteEdge, DEMO_PETITION, demoPetition, putSignaturesIn, signaturesOf } from "../support/petition";
import { formTokenIn, postSignature } from "../support/sign-form";
import type { SmtpSink } from "../support/smtp-sink";
import { startTestMailbox, type TestMailbox } from "../support/test-mail";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

let server: TestServer;
let mailbox: TestMailbox;
let sink: SmtpSink;
let petitionId: number;
const PAGE = `/en/petitions/${DEMO_PETITION}`;
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"];

// Tests change petitions behind the app's back: no 2-second petition cache here. People in these
// tests fill the form in at machine speed; the minimum fill time has its own test.
const SETTINGS = { PETITION_CACHE_MS: "0", SIGN_MIN_FILL_SECONDS: "0" };
const CONFIG = testConfig(SETTINGS);

beforeAll(async () => {
  server = await startTestServer({ config: CONFIG });
  await seedDemoContent(server.database.db);
  petitionId = (await demoPetition(server.database.db)).id;
  mailbox = await startTestMailbox(() => server.database.db);
  sink = mailbox.sink;
});
afterAll(async () => {
  await mailbox?.close();
  await server?.close();
});
afterEach(async () => {
  server.reconfigure(CONFIG);
  const db = server.database.db;
  await db.deleteFrom("signatures").execute();
  await db.deleteFrom("outgoing_mails").execute();
  await db.deleteFrom("signature_count_changes").execute();
  await db.deleteFrom("rate_limit_hits").execute();
  await db.updateTable("petition_counts").set({ confirmed: 0 }).execute();
  await db.updateTable("petition_country_counts").set({ confirmed: 0 }).execute();
  sink.received.length = 0;
});

const stored = () => signaturesOf(server.database.db, petitionId);
const queuedMails = () => server.database.db.selectFrom("outgoing_mails").selectAll().execute();
const deliver = () => mailbox.deliver();
/** A link in a received mail, as a path on the test server. */
const linkIn = (text: string, kind: "confirm" | "withdraw") => {
  const url = new RegExp(`${TEST_PUBLIC_URL}(/${kind}/\\S+)`, "u").exec(text)?.[1];
  if (!url) throw new Error(`No ${kind} link in:\n${text}`);
  return url;
};

describe("the petition page", () => {
  it.each(LANGUAGES)("shows the demo petition in %s with its sign form", async (lng) => {
    const response = await server.get(`/${lng}/petitions/${DEMO_PETITION}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/^private, no-(cache|store)$/u);
    const html = await response.text();
    expect(html).toContain(`<html lang="${lng}"`);
    expect(html).toMatch(/<form method="post" action="\/\w\w\/petitions\/stop-the-cybercrime-convention"/u);
    expect(html).toContain('name="website"');
    expect(html).not.toContain("fallback-note");
  });

  it("falls back to the default language, marked as such, where a petition lacks the reader's", async () => {
    const db = server.database.db;
    const { id } = await db
      .insertInto("petitions")
      .values({ slug: "english-only", status: "live", default_language: "en", goal: 10, opened_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("petition_texts").values({ petition_id: id, language: "en", title: "Only in English", body_markdown: "Text", addressed_to: "Someone" }).execute();
    const html = await (await server.get("/zh/petitions/english-only")).text();
    expect(html).toContain('<h1 lang="en" dir="ltr">Only in English</h1>');
    expect(html).toContain('<html lang="zh"');
  });

  it("is a 404 for a draft or unknown petition, in the page's language", async () => {
    await server.database.db
      .insertInto("petitions")
      .values({ slug: "secret-draft", status: "draft", default_language: "en" })
      .execute();
    for (const path of ["/fr/petitions/secret-draft", "/fr/petitions/no-such-petition", "/api/v1/petitions/secret-draft"]) {
      expect((await server.get(path)).status, path).toBe(404);
    }
  });

  it("renders organizer markdown without letting HTML through", async () => {
    const html = await (await server.get(PAGE)).text();
    expect(html).toContain("<strong>UN Convention against Cybercrime</strong>");
  });
});

describe("signing", () => {
  it("redirects to the check-your-email page and queues one confirmation mail", async () => {
    const response = await postSignature(server, PAGE, { email: "ann@example.org", country: "DEU" });
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/en\/petitions\/stop-the-cybercrime-convention\/signed\?ref=[\w-]{8}&country=deu$/u);
    const signed = await (await server.get(location)).text();
    expect(signed).toContain("Check your email");
    expect(signed).toContain(`/en/countries/deu`);
    expect(signed).toContain(encodeURIComponent(`${TEST_PUBLIC_URL}/en/petitions/${DEMO_PETITION}?ref=`));
    expect(await stored()).toHaveLength(1);
    expect(await queuedMails()).toHaveLength(1);
  });

  /** What a stranger can see of an answer: status, the headers' names, the location with the referral code's value taken out, the body. */
  async function answerShape(response: Response) {
    const location = response.headers.get("location") ?? "";
    return {
      status: response.status,
      headers: [...response.headers.keys()].filter((name) => name !== "date").sort(),
      location: location.replace(/([?&]ref=)[\w-]+/u, "$1…"),
      setCookie: response.headers.get("set-cookie"),
      body: await response.text(),
      referral: /[?&]ref=([\w-]+)/u.exec(location)?.[1] ?? null,
    };
  }

  it.each(["pending", "confirmed", "withdrawn", "suspect", "rejected"] as const)(
    "answers a signature by an address that had signed (%s) exactly like a first one, and mails its owner",
    async (state) => {
      const earlier = await postSignature(server, PAGE, { email: "ann.lee@gmail.com", country: "DEU" });
      expect(earlier.status).toBe(302);
      const [row] = await stored();
      await putSignaturesIn(server.database.db, state);
      const first = await answerShape(await postSignature(server, PAGE, { email: "someone.new@example.org", country: "DEU" }));
      const again = await answerShape(await postSignature(server, PAGE, { email: "AnnLee+petition@gmail.com", country: "DEU" }));
      expect({ ...again, referral: null }).toEqual({ ...first, referral: null });
      expect(first.location).toBe(`/en/petitions/${DEMO_PETITION}/signed?ref=…&country=deu`);
      expect(again.setCookie).toBeNull();
      // The earlier signature's referral code (anything of it) never comes back.
      expect(again.referral).toMatch(/^[\w-]{8}$/u);
      expect(again.referral).not.toBe(row!.referral_code);
      expect(again.body).not.toContain(row!.referral_code);
      expect(await stored()).toHaveLength(2);

      // The owner of the address hears of it by mail once the petition job has run (in the page's language).
      const mailsBefore = (await queuedMails()).length;
      await processSignatureRepeats(server.database.db, CONFIG.signing, new Date(Date.now() + 10 * 60_000));
      const mails = (await queuedMails()).slice(mailsBefore);
      const expected = { pending: "signature-confirm", confirmed: "signature-already-signed", withdrawn: "signature-confirm", suspect: null, rejected: null }[state];
      expect(mails.map((m) => [m.recipient, m.template, m.language])).toEqual(expected ? [[row!.email, expected, "en"]] : []);
    },
  );

  it("answers the same on the embed", async () => {
    const EMBED = `/embed/petitions/${DEMO_PETITION}?lng=es`;
    await postSignature(server, EMBED, { email: "embedded@example.org" });
    const first = await answerShape(await postSignature(server, EMBED, { email: "new.embedded@example.org" }));
    const again = await answerShape(await postSignature(server, EMBED, { email: "Embedded+x@example.org" }));
    expect(again).toEqual(first);
  });

  it("takes a too-fast or honeypot submission through the normal flow but never counts or mails it", async () => {
    server.reconfigure(testConfig({ ...SETTINGS, SIGN_MIN_FILL_SECONDS: undefined }));
    const page = await (await server.get(PAGE)).text();
    const fast = await postSignature(server, PAGE, { email: "fast@example.org" }, { token: formTokenIn(page) });
    server.reconfigure(CONFIG);
    const bot = await postSignature(server, PAGE, { email: "bot@example.org", website: "https://spam.example" });
    expect([fast.status, bot.status]).toEqual([302, 302]);
    expect((await stored()).map((s) => s.suspect_reason)).toEqual(["too_fast", "honeypot"]);
    expect(await queuedMails()).toHaveLength(0);
  });

  it("past the per-address limit in a minute, tells the signer to wait and stores nothing", async () => {
    server.reconfigure(testConfig({ ...SETTINGS, SIGN_RATE_PER_MINUTE: "2" }));
    await awayFromMinuteEdge(10_000);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postSignature(server, PAGE, { email: `p${i}@example.org` })).status);
    expect(statuses).toEqual([302, 302, 400, 400]);
    expect((await stored()).map((s) => s.status)).toEqual(["pending", "pending"]);
  });

  it("past the per-address threshold in an hour, mails the signer and marks the signature trending", async () => {
    server.reconfigure(testConfig({ ...SETTINGS, SIGN_RATE_PER_HOUR: "2" }));
    for (let i = 0; i < 3; i++) expect((await postSignature(server, PAGE, { email: `h${i}@example.org` })).status).toBe(302);
    expect((await stored()).map((s) => `${s.status}:${s.trending}`)).toEqual(["pending:null", "pending:null", "pending:address"]);
  });

  it("stores the address only as a keyed hash", async () => {
    await postSignature(server, PAGE, {});
    const [row] = await stored();
    expect(row!.ip_hash).toMatch(/^[\w-]{22}$/u);
    expect(JSON.stringify(row)).not.toContain("127.0.0.1");
  });
});

describe("bad input", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["an empty name", { name: "" }, "Enter your name."],
    ["a 500-character name", { name: "n".repeat(500) }, "at most 100 characters"],
    ["a malformed email", { email: "ann@@example" }, "Enter an email address like name@example.org."],
    ["an unknown country", { country: "ZZZ" }, "Choose a country from the list."],
    ["CR/LF in the name", { name: "Ann\r\nBcc: victim@example.org" }, "Please write this on one line."],
    ["HTML in the comment", { comment: "<script>alert(1)</script>" }, "cannot contain HTML"],
  ];

  it.each(cases)("%s: a message by the field, the typed text kept, nothing stored or sent", async (_what, fields, message) => {
    const response = await postSignature(server, PAGE, { email: "kept@example.org", ...fields });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('class="field-error"');
    expect(html).toContain(message.replace(/[<>]/gu, (c) => (c === "<" ? "&lt;" : "&gt;")));
    expect(html).toContain('aria-invalid="true"');
    if (!fields.email) expect(html).toContain('value="kept@example.org"');
    expect(await stored()).toHaveLength(0);
    expect(await queuedMails()).toHaveLength(0);
  });

  it("shows the errors in the page's language", async () => {
    const response = await postSignature(server, `/fr/petitions/${DEMO_PETITION}`, { name: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/<html lang="fr"/u);
  });

  it("refuses a missing or forged form token, keeping what was typed", async () => {
    for (const token of ["", "bm9wZQ.bm9wZQ", "MS4x.forged"]) {
      const response = await postSignature(server, PAGE, { name: "Kept Name" }, { token });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("This form had expired");
      expect(html).toContain('value="Kept Name"');
    }
    expect(await stored()).toHaveLength(0);
  });

  it("refuses a 1 MB comment before reading it", async () => {
    const response = await postSignature(server, PAGE, { comment: "x".repeat(1024 * 1024) });
    expect(response.status).toBe(413);
    expect(await stored()).toHaveLength(0);
  });

  it("says a closed petition is closed, and stores nothing", async () => {
    const page = await (await server.get(PAGE)).text();
    const db = server.database.db;
    await db.updateTable("petitions").set({ status: "closed", closed_at: new Date() }).where("id", "=", petitionId).execute();
    try {
      const response = await postSignature(server, PAGE, {}, { token: formTokenIn(page) });
      expect(response.status).toBe(409);
      expect(await response.text()).toContain("This petition is closed");
      expect(await stored()).toHaveLength(0);
      expect(await (await server.get(PAGE)).text()).not.toContain('name="formToken"');
    } finally {
      await db.updateTable("petitions").set({ status: "live", closed_at: null }).where("id", "=", petitionId).execute();
    }
  });
});

describe("sign → mail → confirm → count, through a real SMTP server", () => {
  it.each(LANGUAGES)("works in %s", async (lng) => {
    const signed = await postSignature(server, `/${lng}/petitions/${DEMO_PETITION}`, { email: `${lng}@example.org`, country: "BRA", showName: true, name: "Maria Silva" });
    expect(signed.status).toBe(302);
    expect(await deliver()).toMatchObject({ sent: 1 });
    const mail = sink.received.at(-1)!;
    expect(mail.html).toContain(`lang="${lng}"`);
    const confirmPath = linkIn(mail.text!, "confirm");
    expect(confirmPath).toContain(`?lng=${lng}`);

    // The link (as a mail scanner would open it) shows a button and changes nothing.
    const shown = await server.get(confirmPath);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('<form method="post"');
    expect((await stored())[0]!.status).toBe("pending");

    const confirmed = await fetch(`${server.base}${confirmPath}`, { method: "POST", redirect: "manual" });
    expect(confirmed.status).toBe(303);
    await applyCountChanges(server.database.db);
    const api = (await (await server.get(`/api/v1/petitions/${DEMO_PETITION}`)).json()) as { confirmedSignatures: number; byCountry: unknown[] };
    expect(api).toMatchObject({ confirmedSignatures: 1, byCountry: [{ code: "BRA", count: 1 }] });
    expect(JSON.stringify(api)).not.toContain("example.org");

    const page = await (await server.get(`/${lng}/petitions/${DEMO_PETITION}`)).text();
    expect(page).toContain('data-testid="signature-count">1<');
    expect(page).toContain("Maria");
    expect(page).not.toContain("Silva");

    // A second click says it is done; the count stays.
    const again = await fetch(`${server.base}${confirmPath}`, { method: "POST", redirect: "manual" });
    expect(again.status).toBe(303);
    await applyCountChanges(server.database.db);
    expect(((await (await server.get(`/api/v1/petitions/${DEMO_PETITION}`)).json()) as { confirmedSignatures: number }).confirmedSignatures).toBe(1);

    // "It wasn't me": the signature stops counting.
    const withdrawPath = linkIn(mail.text!, "withdraw");
    expect((await server.get(withdrawPath)).status).toBe(200);
    expect((await fetch(`${server.base}${withdrawPath}`, { method: "POST", redirect: "manual" })).status).toBe(303);
    await applyCountChanges(server.database.db);
    expect(((await (await server.get(`/api/v1/petitions/${DEMO_PETITION}`)).json()) as { confirmedSignatures: number }).confirmedSignatures).toBe(0);
  });

  it("is a 404 for a confirm or withdraw link we did not make", async () => {
    expect((await server.get("/confirm/bm9wZQ.bm9wZQ")).status).toBe(404);
    expect((await fetch(`${server.base}/withdraw/bm9wZQ.bm9wZQ`, { method: "POST", redirect: "manual" })).status).toBe(404);
  });
});

describe("the signer map", () => {
  it("is an SVG image coloured by confirmed signatures, cached briefly, 404 for unknown petitions", async () => {
    const db = server.database.db;
    await db.insertInto("petition_country_counts").values({ petition_id: petitionId, country_code: "BRA", confirmed: 150 }).onConflict((oc) => oc.columns(["petition_id", "country_code"]).doUpdateSet({ confirmed: 150 })).execute();
    const response = await server.get(`/petitions/${DEMO_PETITION}/signers.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=10/u);
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/u);
    // 150 signers: the third step; one country coloured, the rest grey.
    expect(svg.match(/fill="#2171b5"/gu)).toHaveLength(1);
    expect((await server.get("/petitions/no-such-petition/signers.svg")).status).toBe(404);
  });
});

describe("the embed", () => {
  const EMBED = `/embed/petitions/${DEMO_PETITION}?lng=es`;

  it("may be framed by any site, unlike every other page", async () => {
    const embed = await server.get(EMBED);
    expect(embed.status).toBe(200);
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(embed.headers.get("x-frame-options")).toBeNull();
    const html = await embed.text();
    expect(html).toContain('<html lang="es"');
    expect(html).not.toContain("site-header");

    const page = await server.get(PAGE);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
  });

  it("signs in place and says to check the mail", async () => {
    const response = await postSignature(server, EMBED, { email: "embed@example.org" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/embed/petitions/${DEMO_PETITION}?lng=es&signed`);
    expect(await stored()).toHaveLength(1);
  });
});
