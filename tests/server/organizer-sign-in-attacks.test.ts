import fc from "fast-check";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signValue } from "~/lib/signed-token.server";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { signInUrlFor } from "~/lib/links/sign-in-links.server";
import { SIGN_IN_LIMITS, SIGN_IN_TTL_MS } from "~/modules/organizer/sign-in.service.server";
import { csrfOf, latestSignInPath, postForm, SECRETS, signInAs } from "../support/attack";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * Attacks on organizer sign-in: guessing links, asking for links in bulk,
 * fixing a session before sign-in, keeping one after sign-out.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());
beforeEach(async () => {
  await server.database.db.deleteFrom("rate_limit_hits").execute();
});

const sessions = () => server.database.db.selectFrom("organizer_sessions").select(["id_hash", "revoked_at"]).execute();
const signedInAs = async (cookie: string) => {
  const response = await server.get("/en/organize", { cookie });
  return response.status === 200 ? /[\w.+-]+@example\.org/u.exec(await response.text())?.[0] ?? "?" : null;
};

describe("asking for sign-in links in bulk", () => {
  it("holds 10 requests per client per 15 minutes, whatever addresses are typed or X-Forwarded-For says", async () => {
    const statuses = [];
    for (let i = 0; i < 14; i++) {
      statuses.push((await postForm(server, "/en/organize/sign-in", { email: `guess${i}@example.org` }, { "x-forwarded-for": `203.0.113.${i}` })).status);
    }
    expect(statuses).toEqual([...Array(10).fill(303), ...Array(4).fill(429)]);
  });

  it("holds 5 requests per client for one address per hour, however the address is spelled", async () => {
    await addOrganizer(server.database.db, { email: "target@example.org", role: "viewer", by: "test" });
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      // Spelled differently each time: the limit is on the address, not the spelling.
      statuses.push((await postForm(server, "/en/organize/sign-in", { email: ["TARGET@example.org", " target@Example.org ", "target+x@example.org"][i % 3]! })).status);
      if (i === 4) await server.database.db.deleteFrom("rate_limit_hits").where("bucket", "=", (await clientBucket())!).execute();
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429, 429]);
    // Links for the organizer's spellings among the five let through; `target+x@` counts as the same person but is no account.
    expect(await server.database.db.selectFrom("organizer_sign_ins").select("id").execute()).toHaveLength(4);
  });
});

/** The one per-client bucket (this test server ignores X-Forwarded-For: one client). */
const clientBucket = async () =>
  (await server.database.db.selectFrom("rate_limit_hits").select("bucket").where("bucket", "like", "organizer-sign-in:client:%").execute()).find((r) => !r.bucket.includes(":address:"))?.bucket;

describe("strangers asking for an organizer's links (behind a trusted proxy: many clients)", () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer({ config: testConfig({ TRUST_PROXY: "1" }) });
  });
  afterAll(async () => proxied?.close());

  const ask = (email: string, ip: string) => postForm(proxied, "/en/organize/sign-in", { email }, { "x-forwarded-for": ip });
  const mailsTo = async (email: string) =>
    (await proxied.database.db.selectFrom("outgoing_mails").select("recipient").where("template", "=", "organizer-sign-in").execute()).filter((m) => m.recipient === email).length;

  it("cannot lock the organizer out, nor flood the mailbox", async () => {
    const organizer = "lockout@example.org";
    await addOrganizer(proxied.database.db, { email: organizer, role: "admin", by: "test" });
    // 40 requests from 20 machines, each within its own limits, in several spellings.
    const strangers = [];
    for (let i = 0; i < 40; i++) strangers.push((await ask(i % 2 ? "LockOut@Example.org" : "lockout+x@example.org", `198.51.100.${i % 20}`)).status);
    expect(strangers).toEqual(Array(40).fill(303));
    // The organizer's mailbox got 5 links (the cap per 10 minutes), not 40.
    expect(await mailsTo(organizer)).toBe(SIGN_IN_LIMITS.mailsPerAddress.hits);

    // The organizer, from their own machine, is not refused …
    const own = await ask(organizer, "192.0.2.7");
    expect(own.status).toBe(303);
    expect(own.headers.get("location")).toBe("/en/organize/sign-in?sent");
    // … and the newest link in their mailbox signs them in.
    const pressed = await postForm(proxied, await latestSignInPath(proxied, organizer), {});
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get("set-cookie")).toContain("tw_organizer=");
    // No bucket names the address: only keyed hashes.
    const buckets = (await proxied.database.db.selectFrom("rate_limit_hits").select("bucket").execute()).map((r) => r.bucket);
    expect(buckets.filter((b) => b.includes(":address:")).length).toBeGreaterThan(0);
    for (const bucket of buckets) expect(bucket).not.toMatch(/@|lockout/iu);
  });

  it("every link counted by the mailbox's cap outlives the cap's window", () => {
    expect(SIGN_IN_LIMITS.mailsPerAddress.windowSeconds * 1000).toBeLessThan(SIGN_IN_TTL_MS);
  });
});

describe("guessing a sign-in link", () => {
  it("fails for any token but the one mailed: sequential ids, altered signatures, other secrets, other purposes", async () => {
    await addOrganizer(server.database.db, { email: "victim@example.org", role: "admin", by: "test" });
    await postForm(server, "/en/organize/sign-in", { email: "victim@example.org" });
    const real = (await latestSignInPath(server, "victim@example.org")).split("/").pop()!;
    const id = (await server.database.db.selectFrom("organizer_sign_ins").select("id").orderBy("id", "desc").executeTakeFirstOrThrow()).id;
    const [payload, mac] = real.split(".") as [string, string];
    const guesses = [
      // The id is a counter: its neighbours, unsigned or signed with a wrong secret.
      ...[id, String(Number(id) - 1), String(Number(id) + 1)].flatMap((n) => [
        Buffer.from(`sign-in:${n}`).toString("base64url"),
        `${Buffer.from(`sign-in:${n}`).toString("base64url")}.`,
        new URL(signInUrlFor(n, TEST_PUBLIC_URL, "en", ["guessed-secret"])).pathname.split("/").pop()!,
      ]),
      // The same value signed with the real secret for other purposes (other links the platform mails).
      ...["signature-confirm", "letter-confirm", "unsubscribe", "sign-form"].map((purpose) => signValue(purpose, `sign-in:${id}`, SECRETS)),
      `${payload}.${createHmac("sha256", "test-secret").update(payload).digest("base64url")}`,
      `${payload}.${mac.slice(0, -1)}`,
      `${payload}.${mac}.x`,
      `${payload}.${Buffer.from(mac, "base64url").toString("hex")}`,
      `${payload}.`,
      `.${mac}`,
    ];
    // And a few hundred random ones shaped like the real token.
    const shaped = fc.sample(fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), minLength: mac.length, maxLength: mac.length }), { numRuns: 200, seed: 42 });
    for (const guess of [...guesses, ...shaped.map((m) => `${payload}.${m}`)]) {
      const response = await postForm(server, `/en/organize/sign-in/${encodeURIComponent(guess)}`, {});
      expect(response.status, guess).toBe(303);
      expect(response.headers.get("set-cookie") ?? "", guess).not.toContain("tw_organizer");
    }
    expect(await sessions()).toHaveLength(0);
    // The real link still works afterwards, once: guessing did not use it up, and it cannot be used twice.
    const [first, second] = await Promise.all([postForm(server, `/en/organize/sign-in/${real}`, {}), postForm(server, `/en/organize/sign-in/${real}`, {})]);
    const cookies = [first, second].map((r) => r.headers.get("set-cookie") ?? "").filter((c) => c.includes("tw_organizer"));
    expect(cookies).toHaveLength(1);
    expect(await sessions()).toHaveLength(1);
  });
});

describe("session fixation", () => {
  it("a cookie the attacker chose is not a session, and signing in replaces it with a new one", async () => {
    const fixed = ["tw_organizer=attacker-chosen-value-long-enough-to-look-real", "tw_organizer=eyJhIjoxfQ%3D%3D.forged", `tw_organizer=${"A".repeat(43)}`];
    for (const cookie of fixed) expect(await signedInAs(cookie), cookie).toBeNull();

    await addOrganizer(server.database.db, { email: "fixed@example.org", role: "admin", by: "test" });
    await postForm(server, "/en/organize/sign-in", { email: "fixed@example.org" }, { cookie: fixed[0]! });
    const pressed = await postForm(server, await latestSignInPath(server, "fixed@example.org"), {}, { cookie: fixed[0]! });
    const issued = pressed.headers.get("set-cookie")!.split(";")[0]!;
    expect(issued).not.toBe(fixed[0]);
    expect(await signedInAs(issued)).toBe("fixed@example.org");
    expect(await signedInAs(fixed[0]!)).toBeNull();
  });

  it("an attacker's own valid session planted in a victim's browser stays the attacker's when the victim signs in", async () => {
    const attacker = await signInAs(server, "viewer", "attacker@example.org");
    await addOrganizer(server.database.db, { email: "planted@example.org", role: "admin", by: "test" });
    await postForm(server, "/en/organize/sign-in", { email: "planted@example.org" }, { cookie: attacker });
    const pressed = await postForm(server, await latestSignInPath(server, "planted@example.org"), {}, { cookie: attacker });
    const victim = pressed.headers.get("set-cookie")!.split(";")[0]!;
    expect(victim).not.toBe(attacker);
    expect(await signedInAs(victim)).toBe("planted@example.org");
    // The planted cookie did not become the admin's session.
    expect(await signedInAs(attacker)).toBe("attacker@example.org");
    expect((await server.get("/en/organize/audit", { cookie: attacker })).status).toBe(403);
  });

  it("every sign-in makes a new session id; the database keeps only its hash", async () => {
    const a = await signInAs(server, "viewer", "twice@example.org");
    await server.database.db.deleteFrom("rate_limit_hits").execute();
    const b = await signInAs(server, "viewer", "twice@example.org");
    expect(a).not.toBe(b);
    const values = [a, b].map((c) => decodeURIComponent(c.split("=")[1]!));
    const stored = (await sessions()).map((s) => s.id_hash);
    for (const value of values) expect(stored.some((hash) => value.includes(hash))).toBe(false);
  });
});

describe("signing out", () => {
  it("revokes the session in the database: a copy of the cookie kept by anyone is worthless, other sessions stay", async () => {
    const laptop = await signInAs(server, "organizer", "two-devices@example.org");
    await server.database.db.deleteFrom("rate_limit_hits").execute();
    const phone = await signInAs(server, "organizer", "two-devices@example.org");
    const stolenCopy = laptop;
    expect((await postForm(server, "/en/organize/sign-out", { csrf: await csrfOf(server, laptop) }, { cookie: laptop })).status).toBe(303);
    expect(await signedInAs(stolenCopy)).toBeNull();
    expect(await signedInAs(phone)).toBe("two-devices@example.org");
    const revoked = (await sessions()).filter((s) => s.revoked_at !== null);
    expect(revoked.length).toBeGreaterThanOrEqual(1);
    // A form from the signed-out session cannot act either.
    expect((await postForm(server, "/en/organize/countries/ken", { csrf: "x", intent: "action" }, { cookie: stolenCopy })).status).toBe(302);
  });

  it("an expired session is not honoured even though the cookie is intact", async () => {
    const cookie = await signInAs(server, "viewer", "expired@example.org");
    expect(await signedInAs(cookie)).toBe("expired@example.org");
    await server.database.db.updateTable("organizer_sessions").set({ expires_at: new Date(Date.now() - 1000) }).execute();
    expect(await signedInAs(cookie)).toBeNull();
  });
});
