import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { letterStatusUrlFor } from "~/lib/links/letter-links.server";
import { DEMO_LETTERS, postForm, tableCounts } from "../support/attack";
import { demoLetterForm, type LetterFields } from "../support/letter-form";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

// Each property sends a few hundred requests: on a busy two-core machine that can take longer
// than the suite's 30 s per test without anything being wrong.
vi.setConfig({ testTimeout: 120_000 });

/**
 * Every public form and lookup under hostile input (the sign form has its
 * own file, petition-fuzz.test.ts): never a 500, nothing stored when the
 * answer is a refusal, and what is shown back is escaped — a marker of markup
 * put in any field never comes back as markup.
 */
let server: TestServer;
let franceTargets: string[];
let letterFields: (overrides?: LetterFields) => LetterFields;
let statusPath: string;

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ LETTER_MIN_FILL_SECONDS: "0", LETTERS_PER_SENDER_PER_DAY: "100000", LETTERS_PER_ADDRESS_PER_DAY: "100000" }) });
  await seedDemoContent(server.database.db);
  const db = server.database.db;
  ({ franceTargets, letterFields } = await demoLetterForm(server));
  // One letter, confirmed and delivered, whose status page takes answers.
  const written = await postForm(server, `/en/letters/${DEMO_LETTERS}?country=fra`, letterFields({ email: "status@example.org" }));
  expect(written.status).toBe(302);
  const letter = await db.selectFrom("letters").select("id").executeTakeFirstOrThrow();
  await db.updateTable("letters").set({ status: "confirmed", confirmed_at: new Date() }).execute();
  statusPath = new URL(letterStatusUrlFor(letter.id, TEST_PUBLIC_URL, "en", ["test-secret"])).pathname;
});
afterAll(async () => {
  await server?.close();
});

/** Markup that must never come back as markup. */
const MARKERS = ["<script>fuzz()</script>", '"><img src=x onerror=fuzz()>', "'><svg onload=fuzz()>", "</textarea><b>fuzz</b>", "javascript:fuzz()//<a>"];
/** Hostile text: markup, SQL, quotes, control characters, long runs, any Unicode. */
const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.constantFrom(
    "' OR 1=1; --",
    "Robert'); DROP TABLE letters;--",
    "1; SELECT pg_sleep(5)",
    "%' AND 1=(SELECT COUNT(*) FROM organizers) AND '%'='",
    "a\r\nBcc: victim@example.org",
    "\u0000\u0007\u001b",
    "{{sender.email}}{{target.email}}{{constructor}}",
    "x".repeat(4000),
    "ann@example.org\r\nSubject: hi",
    "..%2F..%2Fetc%2Fpasswd",
  ),
);
/** Hostile text carrying one marker somewhere. */
const marked = fc.tuple(hostile, fc.constantFrom(...MARKERS), fc.boolean()).map(([text, marker, before]) => (before ? `${marker}${text}` : `${text}${marker}`));
const field = fc.oneof(hostile, marked);

function expectEscaped(body: string, sent: Record<string, string | string[]>) {
  for (const marker of MARKERS) {
    if (Object.values(sent).flat().some((v) => v.includes(marker))) expect(body).not.toContain(marker);
  }
}

const RUNS = { numRuns: 40 };

describe("the letter form under fuzzing", () => {
  it("send, preview and mail-app intents: never a 500; a refusal stores nothing; echoed text is escaped", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ subject: field, body: field, personal: field, name: field, email: field, city: field, country: fc.oneof(field, fc.constant("fra")), targets: fc.array(fc.oneof(field, fc.constantFrom(...franceTargets)), { maxLength: 3 }) }),
        fc.constantFrom("send", "preview", "mailto", "other"),
        async (typed, intent) => {
          const sent = letterFields({ ...typed, intent });
          const before = await tableCounts(server);
          const response = await postForm(server, `/en/letters/${DEMO_LETTERS}?country=fra`, sent);
          expect(response.status).toBeLessThan(500);
          const after = await tableCounts(server);
          if (response.status >= 400 || intent !== "send") expect(after.letters).toBe(before.letters);
          if (response.status >= 400) expect(after).toEqual(before);
          if (response.status === 303) expect(response.headers.get("location")).toMatch(/^mailto:/u);
          expectEscaped(await response.text(), sent);
        },
      ),
      RUNS,
    );
  });
});

describe("links from mails, pressed with any token (confirm, withdraw, unsubscribe, letter status, organizer sign-in)", () => {
  it("never a 500, never a change", async () => {
    const before = await tableCounts(server);
    await fc.assert(
      fc.asyncProperty(field, fc.constantFrom("/confirm/", "/withdraw/", "/unsubscribe/", "/letters/status/", "/en/organize/sign-in/"), fc.constantFrom("GET", "POST"), async (token, prefix, method) => {
        const path = `${prefix}${encodeURIComponent(token)}?lng=${encodeURIComponent([...token].slice(0, 5).join(""))}`;
        const response = method === "GET" ? await server.get(path) : await postForm(server, path, { target: franceTargets[0]!, answer: "yes", "List-Unsubscribe": "One-Click" });
        expect(response.status, path).toBeLessThan(500);
        expectEscaped(await response.text(), { token });
      }),
      RUNS,
    );
    const after = await tableCounts(server);
    // Sign-in link presses count nothing; only rate-limit windows may have moved.
    expect({ ...after, rate_limit_hits: 0 }).toEqual({ ...before, rate_limit_hits: 0 });
  });
});

describe("the letter status answers", () => {
  it("any target and answer: 400 or 404 unless both are real, and only a real answer is stored", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(field, fc.constantFrom(...franceTargets), fc.constant("99999999999")), fc.oneof(field, fc.constantFrom("yes", "no", "not_delivered")), async (target, answer) => {
        const before = await server.database.db.selectFrom("letter_recipients").select(["target_id", "reply"]).orderBy("target_id").execute();
        const response = await postForm(server, statusPath, { target, answer });
        expect(response.status).toBeLessThan(500);
        const after = await server.database.db.selectFrom("letter_recipients").select(["target_id", "reply"]).orderBy("target_id").execute();
        if (response.status !== 303) expect(after).toEqual(before);
        expectEscaped(await response.text(), { target, answer });
      }),
      RUNS,
    );
  });
});

describe("organizer sign-in under fuzzing", () => {
  it("any address: a message by the field or the same 'sent' answer; no link for anyone not an organizer", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(field, fc.emailAddress()), async (email) => {
        await server.database.db.deleteFrom("rate_limit_hits").execute();
        const response = await postForm(server, "/en/organize/sign-in", { email });
        expect([303, 400]).toContain(response.status);
        expectEscaped(await response.text(), { email });
      }),
      RUNS,
    );
    expect(await server.database.db.selectFrom("organizer_sign_ins").selectAll().execute()).toHaveLength(0);
    expect(await server.database.db.selectFrom("outgoing_mails").selectAll().where("template", "=", "organizer-sign-in").execute()).toHaveLength(0);
  });
});

describe("search and lookups under fuzzing (GET forms and path segments)", () => {
  it("the country directory's search and filters, a country by code, the JSON API: never a 500, markup escaped", async () => {
    await fc.assert(
      fc.asyncProperty(field, field, fc.constantFrom("q", "region", "status", "vote", "sort", "code", "lng"), async (value, segment, param) => {
        for (const path of [
          `/en/countries?${param}=${encodeURIComponent(value)}`,
          `/en/countries/${encodeURIComponent(segment)}`,
          `/api/v1/countries/${encodeURIComponent(segment)}`,
          `/api/v1/petitions/${encodeURIComponent(segment)}`,
          `/embed/petitions/${encodeURIComponent(segment)}?lng=${encodeURIComponent(value)}`,
          `/en/letters/${DEMO_LETTERS}?country=${encodeURIComponent(value)}`,
          `/fr/petitions/${encodeURIComponent(segment)}`,
        ]) {
          const response = await server.get(path);
          expect(response.status, path).toBeLessThan(500);
          expectEscaped(await response.text(), { value, segment });
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("hostile request headers", () => {
  /** Header values as HTTP allows them (visible Latin-1, no CR/LF): what a client can really send. */
  const headerValue = fc.oneof(
    fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c === 0x7f ? 0x20 : c)), maxLength: 300 }),
    fc.constantFrom("%E0%A4%A", '"', "../../etc/passwd", "*;q=abc", "en;q=0.5,".repeat(400), "zz-ZZ-u-ca-xxxxx,ar;q=1e999", "a".repeat(4000)),
  );

  it("cookies (language, organizer session) and Accept-Language never make a 500", async () => {
    await fc.assert(
      fc.asyncProperty(headerValue, headerValue, fc.constantFrom("/", "/en", "/en/organize", "/en/organize/sign-in", `/en/letters/${DEMO_LETTERS}?country=fra`), async (cookieValue, language, path) => {
        const response = await server.get(path, { cookie: `lng=${cookieValue}; tw_organizer=${cookieValue}`, "accept-language": language });
        expect(response.status, path).toBeLessThan(500);
        expect([200, 302, 404]).toContain(response.status);
      }),
      RUNS,
    );
  });
});
