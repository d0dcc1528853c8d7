/**
 * Debian's nginx with deploy/nginx.conf in front of the real app: what shared caching promises
 * (docs/decisions/0042-public-pages-for-shared-caches.md, 0043-nginx-in-front.md), end to end.
 * Without nginx the file is skipped, except under CI (which installs it): there it fails.
 */
import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { signInAs } from "../support/organizer-client";
import { DEMO_PETITION, demoPetition, signaturesOf } from "../support/petition";
import { formTokenIn } from "../support/sign-form";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";
import { nginxMissing, startEdgeProxy, type EdgeProxy } from "../support/edge-proxy";

const missing = nginxMissing();
if (missing && process.env.CI === "true") throw new Error(`CI must run the proxy tests: ${missing}`);
if (missing) console.warn(missing);

// A short shared-cache life so expiry and stale copies can be seen within a test.
const EDGE = { EDGE_CACHE_SECONDS: "3", EDGE_STALE_WHILE_REVALIDATE_SECONDS: "1", EDGE_STALE_IF_ERROR_SECONDS: "600" };
const CONFIG = testConfig({ ...EDGE, TRUST_PROXY: "1", PETITION_CACHE_MS: "0", SIGN_MIN_FILL_SECONDS: "2", PAGE_CACHE_MS: "0" });
const PAGE = `/en/petitions/${DEMO_PETITION}`;

let app: TestServer;
let edge: EdgeProxy;
/** The stale-if-error test stops the app itself. */
let appStopped = false;

const through = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${edge.base}${path}`, { redirect: "manual", ...init, headers: { "accept-encoding": "identity", ...init.headers } });
const cacheStatus = (response: Response) => response.headers.get("x-cache-status");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A fresh address each call, so no test finds another's copy in the cache. */
let unique = 0;
const fresh = (path: string) => `${path}?ref=edge${(unique++).toString(36).padStart(4, "0")}`;

describe.skipIf(missing !== null)("nginx in front of the app (deploy/nginx.conf)", () => {
  beforeAll(async () => {
    app = await startTestServer({ config: CONFIG });
    await seedDemoContent(app.database.db);
    edge = await startEdgeProxy({ upstreams: [new URL(app.base).host] });
  });
  afterAll(async () => {
    await edge?.stop();
    if (!appStopped) await app?.close();
  });

  it.each(["/en", "/fr/countries", "/es/countries/fra", PAGE, `/embed/petitions/${DEMO_PETITION}?lng=en`])("serves %s from its cache after the first view", async (path) => {
    const first = await through(path);
    expect(first.status).toBe(200);
    expect(cacheStatus(first)).toBe("MISS");
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=3, stale-while-revalidate=1, stale-if-error=600");
    expect(first.headers.get("set-cookie")).toBeNull();
    const body = await first.text();
    const second = await through(path);
    expect(cacheStatus(second)).toBe("HIT");
    expect(await second.text()).toBe(body);
  });

  it("keeps a gzipped and a plain copy: a client without gzip gets a readable page", async () => {
    const path = fresh(PAGE);
    const zipped = await through(path, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const zippedBytes = Buffer.from(await zipped.arrayBuffer());
    // fetch may have decoded it already; either way the page is HTML.
    const html = zippedBytes[0] === 0x1f ? gunzipSync(zippedBytes).toString("utf8") : zippedBytes.toString("utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/u);
    const plain = await through(path, { headers: { "accept-encoding": "identity" } });
    expect(cacheStatus(plain)).toBe("MISS");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toMatch(/^<!DOCTYPE html>/u);
    expect(cacheStatus(await through(path, { headers: { "accept-encoding": "gzip" } }))).toBe("HIT");
    expect(cacheStatus(await through(path))).toBe("HIT");
  });

  it("sends a signature POST, its redirect and the signed page to the app, never the cache", async () => {
    const { id } = await demoPetition(app.database.db);
    const before = (await signaturesOf(app.database.db, id)).length;
    const page = await (await through(PAGE)).text();
    for (let i = 0; i < 2; i++) {
      const body = new URLSearchParams({ formToken: formTokenIn(page), name: "Edge Signer", email: `edge${i}@example.org`, country: "FRA", comment: "", website: "", ref: "" });
      const posted = await through(PAGE, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(posted.status).toBe(302);
      // nginx never looks a POST up (no cache status at all).
      expect(cacheStatus(posted)).toBeNull();
      const signed = posted.headers.get("location")!;
      expect(signed).toMatch(/\/signed\?ref=/u);
      for (let j = 0; j < 2; j++) {
        const thanks = await through(signed);
        expect(thanks.status).toBe(200);
        expect(cacheStatus(thanks)).toBe("MISS");
        expect(thanks.headers.get("cache-control")).toBe("private, no-store");
      }
    }
    expect((await signaturesOf(app.database.db, id)).length).toBe(before + 2);
  });

  it("takes the fill time from the render time a cached page carries: a copy older than the minimum is never too fast", async () => {
    const { id } = await demoPetition(app.database.db);
    const path = fresh(PAGE);
    await through(path);
    await pause(2100);
    // This visitor opened the page just now, from the cache: the token's time is the render's.
    const cached = await through(path);
    expect(cacheStatus(cached)).toBe("HIT");
    const body = new URLSearchParams({ formToken: formTokenIn(await cached.text()), name: "Quick Reader", email: "quick@example.org", country: "DEU", comment: "", website: "", ref: "" });
    const posted = await through(PAGE, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(posted.status).toBe(302);
    const row = (await signaturesOf(app.database.db, id)).find((s) => s.email === "quick@example.org");
    expect(row?.suspect_reason ?? null).toBeNull();
  });

  it("never serves an organizer a cached page, nor stores what an organizer sees", async () => {
    const cookie = await signInAs(app, "admin");
    const path = fresh(PAGE);
    expect(cacheStatus(await through(path))).toBe("MISS");
    expect(cacheStatus(await through(path))).toBe("HIT");
    for (let i = 0; i < 2; i++) {
      const mine = await through(path, { headers: { cookie } });
      expect(cacheStatus(mine)).toBe("BYPASS");
      expect(mine.headers.get("cache-control")).toBe("private, no-cache");
    }
    // The preview and the organize area: private, and never in the cache for anyone after.
    const preview = await through(`${PAGE}?preview`, { headers: { cookie } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get("cache-control")).toBe("private, no-store");
    const dashboard = await through("/en/organize", { headers: { cookie } });
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get("cache-control")).toMatch(/^private/u);
    const stranger = await through("/en/organize");
    expect(cacheStatus(stranger)).not.toBe("HIT");
    expect(await stranger.text()).not.toContain("admin@example.org");
    const strangerPreview = await through(`${PAGE}?preview`);
    expect(cacheStatus(strangerPreview)).not.toBe("HIT");
    expect(strangerPreview.status).not.toBe(200);
  });

  it("never gives one visitor another's page: languages, cookies and Accept-Language", async () => {
    // `/` sends each to their language: never cached, never the previous visitor's redirect.
    const russian = await through("/", { headers: { cookie: "lng=ru", "accept-language": "fr" } });
    expect(russian.headers.get("location")).toBe("/ru");
    const french = await through("/", { headers: { "accept-language": "fr-FR" } });
    expect(french.headers.get("location")).toBe("/fr");
    expect(cacheStatus(french)).not.toBe("HIT");
    // A public page holds nothing of the visitor who made it be stored: no country pre-selected.
    const path = fresh(PAGE);
    const brazilian = await through(path, { headers: { "accept-language": "pt-BR", cookie: "lng=ar; theme=dark" } });
    expect(cacheStatus(brazilian)).toBe("MISS");
    const html = await brazilian.text();
    expect(html).not.toMatch(/<option value="[A-Z]{3}" selected/u);
    expect(html).toContain('<html lang="en"');
    const german = await through(path, { headers: { "accept-language": "de-DE" } });
    expect(cacheStatus(german)).toBe("HIT");
    expect(await german.text()).toBe(html);
    // Different languages are different addresses, and so different copies.
    const arabic = await (await through(`/ar/petitions/${DEMO_PETITION}`)).text();
    expect(arabic).toContain('<html lang="ar"');
  });

  it("serves the last good copy while the app is down (stale-if-error)", async () => {
    const path = fresh(PAGE);
    const good = await through(path);
    expect(good.status).toBe(200);
    const html = await good.text();
    appStopped = true;
    await app.close();
    await pause(4500);
    const stale = await through(path);
    expect(stale.status).toBe(200);
    expect(cacheStatus(stale)).toBe("STALE");
    expect(await stale.text()).toBe(html);
    // A page never stored has nothing to fall back on: the error shows.
    expect((await through(fresh(PAGE))).status).toBeGreaterThanOrEqual(500);
  });
});

describe.skipIf(missing !== null)("what nginx never stores, whatever the app says", () => {
  let upstream: Server;
  let proxy: EdgeProxy;
  let hits = 0;
  beforeAll(async () => {
    const stand = express();
    stand.get("/sets-cookie", (_req, res) => {
      hits++;
      res.set("Cache-Control", "public, s-maxage=60").cookie("who", `visitor-${hits}`).type("html").send(`<p>visitor ${hits}</p>`);
    });
    stand.get("/public", (_req, res) => {
      hits++;
      res.set("Cache-Control", "public, s-maxage=60").type("html").send(`<p>render ${hits}</p>`);
    });
    stand.post("/public", (_req, res) => {
      hits++;
      res.set("Cache-Control", "public, s-maxage=60").type("html").send(`<p>posted ${hits}</p>`);
    });
    upstream = stand.listen(0, "127.0.0.1");
    await new Promise((resolve) => upstream.once("listening", resolve));
    proxy = await startEdgeProxy({ upstreams: [`127.0.0.1:${(upstream.address() as AddressInfo).port}`] });
  });
  afterAll(async () => {
    await proxy?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
  });
  const via = (path: string, init: RequestInit = {}) => fetch(`${proxy.base}${path}`, init);

  it("an answer with Set-Cookie: each visitor gets their own", async () => {
    const first = await via("/sets-cookie");
    const second = await via("/sets-cookie");
    expect(first.headers.get("set-cookie")).not.toBe(second.headers.get("set-cookie"));
    expect(await second.text()).not.toBe(await first.text());
    expect(cacheStatus(second)).not.toBe("HIT");
  });

  it("a POST, nor a request with the organizer's cookie, even to a page it keeps", async () => {
    expect(cacheStatus(await via("/public"))).toBe("MISS");
    expect(cacheStatus(await via("/public"))).toBe("HIT");
    const posted = await via("/public", { method: "POST" });
    expect(cacheStatus(posted)).toBeNull();
    expect(await posted.text()).toContain("posted");
    const organizer = await via("/public", { headers: { cookie: "a=1; tw_organizer=s%3Aabc" } });
    expect(cacheStatus(organizer)).toBe("BYPASS");
    // Another cookie is no organizer's: the shared copy.
    expect(cacheStatus(await via("/public", { headers: { cookie: "tw_organizer_not=1; lng=fr" } }))).toBe("HIT");
  });
});
