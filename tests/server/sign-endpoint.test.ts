import { createConnection } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { signFormTarget } from "../../server/sign-endpoint";
import { DEMO_PETITION, demoPetition } from "../support/petition";
import { formTokenIn, postSignature, type SignFields } from "../support/sign-form";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * The sign form's POST is answered outside Remix when it signs, and by Remix
 * otherwise. Every case is sent twice: to the page's address (the endpoint
 * takes it) and with a query the endpoint leaves to Remix (`?via=remix`, which
 * the action ignores). Both must answer the same and store the same.
 */
let server: TestServer;
let petitionId: number;
let token: string;
const PAGE = `/en/petitions/${DEMO_PETITION}`;
const VIA_REMIX = `${PAGE}?via=remix`;
let nextIp = 1;

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ SIGN_MIN_FILL_SECONDS: "0", SIGN_RATE_PER_MINUTE: "3", TRUST_PROXY: "1" }) });
  await seedDemoContent(server.database.db);
  petitionId = (await demoPetition(server.database.db)).id;
  await server.database.db
    .insertInto("petitions")
    .values({ slug: "already-closed", status: "closed", default_language: "en", opened_at: new Date(), closed_at: new Date() })
    .execute();
  token = formTokenIn(await (await server.get(PAGE)).text());
});
afterAll(async () => server?.close());
beforeEach(async () => {
  await server.database.db.deleteFrom("signature_repeats").execute();
  await server.database.db.deleteFrom("outgoing_mails").execute();
  await server.database.db.deleteFrom("signatures").execute();
  await server.database.db.deleteFrom("rate_limit_hits").execute();
});

/** What a person sees: status, where it leads (the new referral code aside), and the page without its per-view tokens. */
async function answerOf(response: Response) {
  const body = (await response.text())
    // Links on the page keep the query it was posted to.
    .replace(/[?&]via=remix/gu, "")
    .replace(/nonce="[^"]*"/gu, "nonce")
    .replace(/name="formToken" value="[^"]*"/gu, "formToken")
    .replace(/\\?"formToken\\?",\\?"[^"\\]*\\?"/gu, "formToken");
  return {
    status: response.status,
    location: response.headers.get("location")?.replace(/ref=[\w-]+/u, "ref=*") ?? null,
    type: response.headers.get("content-type"),
    cacheControl: response.headers.get("cache-control"),
    body,
  };
}

const rowsOf = async (email: string) =>
  (await server.database.db.selectFrom("signatures").select(["status", "suspect_reason", "trending", "country_code", "language"]).where("email", "=", email).execute()).map((r) => ({ ...r }));
const mailsOf = async (email: string) => (await server.database.db.selectFrom("outgoing_mails").select(["template", "language"]).where("recipient", "=", email).execute()).map((m) => ({ ...m }));

/** The same submission through both paths, each as a person and a machine of its own (or the same person, for refusals). */
async function throughBoth(path: string, fields: SignFields, { samePerson = false, headers = {} as Record<string, string> } = {}) {
  const results = [];
  for (const [tag, url] of [
    ["lean", path],
    ["remix", path.includes("?") ? `${path}&via=remix` : `${path}?via=remix`],
  ] as const) {
    const email = fields.email ?? (samePerson ? "ann@example.org" : `ann.${tag}@example.org`);
    const response = await postSignature(server, url, { ...fields, email }, { token, headers: { "x-forwarded-for": `198.51.100.${nextIp++}`, ...headers } });
    results.push({ answer: await answerOf(response), rows: await rowsOf(email), mails: await mailsOf(email) });
  }
  return results as [(typeof results)[number], (typeof results)[number]];
}

describe("the sign endpoint outside Remix", () => {
  it("answers a signature with the action's redirect and stores the same row and mail", async () => {
    const [lean, remix] = await throughBoth(PAGE, { country: "DEU" });
    expect(lean.answer.status).toBe(302);
    expect(lean.answer.location).toBe(`/en/petitions/${DEMO_PETITION}/signed?ref=*&country=deu`);
    expect(lean).toEqual(remix);
    expect(lean.rows).toEqual([{ status: "pending", suspect_reason: null, trending: null, country_code: "DEU", language: "en" }]);
    expect(lean.mails).toEqual([{ template: "signature-confirm", language: "en" }]);
  });

  it("answers the same in another language and through a partner's link", async () => {
    const [lean, remix] = await throughBoth(`/fr/petitions/${DEMO_PETITION}?partner=nobody`, {});
    expect(lean.answer.status).toBe(302);
    expect(lean.answer.location).toMatch(/^\/fr\/petitions\//u);
    expect(lean).toEqual(remix);
  });

  it("stores a filled honeypot as suspect and mails nothing, the same way", async () => {
    const [lean, remix] = await throughBoth(PAGE, { website: "http://spam.example" });
    expect(lean.answer.status).toBe(302);
    expect(lean.rows).toEqual([{ status: "suspect", suspect_reason: "honeypot", trending: null, country_code: "FRA", language: "en" }]);
    expect(lean.mails).toEqual([]);
    expect(lean).toEqual(remix);
  });

  it("leaves the page with the errors and the typed values to Remix: invalid fields, an expired form", async () => {
    for (const fields of [{ email: "not-an-address", name: "" }, { country: "XXX" }, { comment: "x".repeat(5000) }]) {
      const [lean, remix] = await throughBoth(PAGE, fields, { samePerson: true });
      expect(lean.answer.status).toBe(400);
      expect(lean).toEqual(remix);
      expect(lean.rows).toEqual([]);
    }
    const [lean, remix] = await throughBoth(PAGE, {}, { samePerson: true, headers: {} });
    expect(lean.answer.status).toBe(302);
    expect(remix.answer.status).toBe(302);
    await server.database.db.deleteFrom("signatures").execute();
    const expired = await Promise.all(
      [PAGE, VIA_REMIX].map(async (url) => answerOf(await postSignature(server, url, {}, { token: "garbled", headers: { "x-forwarded-for": `198.51.100.${nextIp++}` } }))),
    );
    expect(expired[0]!.status).toBe(400);
    expect(expired[0]).toEqual(expired[1]);
    expect(await rowsOf("ann@example.org")).toEqual([]);
  });

  it("tells a busy network to wait through Remix without counting the attempt twice", async () => {
    for (const url of [PAGE, VIA_REMIX]) {
      const ip = `203.0.113.${nextIp++}`;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await postSignature(server, url, { email: `busy${i}.${nextIp}@example.org` }, { token, headers: { "x-forwarded-for": ip } })).status);
      expect(statuses).toEqual([302, 302, 302, 400]);
    }
    const minuteHits = await server.database.db.selectFrom("rate_limit_hits").select("hits").where("bucket", "like", `sign:${petitionId}:%:m`).execute();
    expect(minuteHits.map((h) => h.hits)).toEqual([4, 4]);
  });

  it("leaves a closed petition, an unknown one and an unknown language to Remix, with the same answers", async () => {
    for (const [path, status] of [
      ["/en/petitions/already-closed", 409],
      ["/en/petitions/no-such-petition", 404],
      [`/xx/petitions/${DEMO_PETITION}`, 404],
    ] as const) {
      const [lean, remix] = await throughBoth(path, {}, { samePerson: true });
      expect(lean.answer.status).toBe(status);
      expect(lean).toEqual(remix);
    }
  });

  it("lets a client that goes away mid-body go, storing nothing and logging no error, and keeps serving", async () => {
    const body = new URLSearchParams({ formToken: token, name: "Half", email: "half@example.org", country: "FRA" }).toString();
    const url = new URL(server.base);
    await new Promise<void>((resolve, reject) => {
      const socket = createConnection({ host: url.hostname, port: Number(url.port) }, () => {
        socket.write(`POST ${PAGE} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`);
        socket.write(body.slice(0, 20));
        // The rest never comes: the client closes the connection.
        setTimeout(() => socket.destroy(), 200);
      });
      socket.on("close", () => resolve());
      socket.on("error", reject);
    });
    // A console error would fail this test (tests/support/fail-on-console-error.ts): give the server time to log one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rowsOf("half@example.org")).toEqual([]);
    expect((await server.get(PAGE)).status).toBe(200);
  });

  it("still refuses a post from another site before signing", async () => {
    const [lean, remix] = await throughBoth(PAGE, {}, { headers: { origin: "https://evil.example" } });
    expect(lean.answer.status).toBe(403);
    expect(lean.rows).toEqual([]);
    expect(remix.rows).toEqual([]);
    expect(lean.answer.body).toEqual(remix.answer.body);
  });

  it("leaves multipart forms and JavaScript's single-fetch posts to Remix, which signs them", async () => {
    const multipart = new FormData();
    for (const [key, value] of Object.entries({ formToken: token, name: "Mo", email: "mo@example.org", country: "FRA", comment: "", website: "" })) multipart.set(key, value);
    const viaMultipart = await fetch(`${server.base}${PAGE}`, { method: "POST", body: multipart, redirect: "manual", headers: { "x-forwarded-for": "192.0.2.1" } });
    expect(viaMultipart.status).toBe(302);
    expect(await rowsOf("mo@example.org")).toHaveLength(1);

    const body = new URLSearchParams({ formToken: token, name: "Jo", email: "jo@example.org", country: "FRA", comment: "", website: "" });
    const withJs = await fetch(`${server.base}${PAGE}.data`, { method: "POST", body, redirect: "manual", headers: { "x-forwarded-for": "192.0.2.2" } });
    expect(withJs.status).toBe(202);
    expect(await withJs.text()).toContain("/signed?ref=");
    expect(await rowsOf("jo@example.org")).toHaveLength(1);
  });
});

describe("which posts the endpoint takes", () => {
  const post = (path: string, type = "application/x-www-form-urlencoded", method = "POST") => ({ method, path: path.split("?")[0]!, originalUrl: path, headers: { "content-type": type } });

  it("takes the petition page's plain form post, with or without a partner's code", () => {
    expect(signFormTarget(post("/en/petitions/stop-it"))).toEqual({ lng: "en", slug: "stop-it" });
    expect(signFormTarget(post("/zh/petitions/a1-b2?partner=ngo", "application/x-www-form-urlencoded;charset=UTF-8"))).toEqual({ lng: "zh", slug: "a1-b2" });
  });

  it("leaves everything else to Remix", () => {
    for (const request of [
      post("/en/petitions/stop-it", "multipart/form-data; boundary=x"),
      post("/en/petitions/stop-it", "text/plain"),
      post("/en/petitions/stop-it", "application/x-www-form-urlencoded", "GET"),
      post("/en/petitions/stop-it.data"),
      post("/en/petitions/stop-it/"),
      post("/en/petitions/stop-it/signed"),
      post("/en/petitions/stop-it?index"),
      post("/en/petitions/stop-it?partner=a&_data=x"),
      post("/xx/petitions/stop-it"),
      post("/en/petitions/Stop-It"),
      post("/en/petitions/stop--it"),
      post("/embed/petitions/stop-it"),
    ]) {
      expect(signFormTarget(request), request.originalUrl).toBeNull();
    }
  });
});
