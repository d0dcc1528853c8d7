import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRIVATE_PAGE_CACHE_CONTROL, PUBLIC_PAGE_CACHE_CONTROL, sharedCacheControl } from "~/lib/cache-headers";
import { checkFormToken, issueFormToken } from "~/modules/campaign/form-token.server";
import { isPublicPageAnswer, outgoingCacheControl, pageRequestKind, sharedCacheHeaders } from "../../server/page-cache-headers";
import { testConfig } from "../support/test-config";

const LIFE = { cacheSeconds: 30, staleWhileRevalidateSeconds: 30, staleIfErrorSeconds: 86_400 };
const SHARED = "public, max-age=0, s-maxage=30, stale-while-revalidate=30, stale-if-error=86400";
const ok = { status: 200, setsCookie: false, request: "anonymous" } as const;

describe("what shared caches are told", () => {
  it("gives anonymous public pages the configured life, and nothing when the life is 0", () => {
    expect(sharedCacheControl(LIFE)).toBe(SHARED);
    expect(sharedCacheControl({ ...LIFE, cacheSeconds: 0 })).toBeNull();
    expect(sharedCacheControl({ cacheSeconds: 5, staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 0 })).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=0, stale-if-error=0");
  });

  it("turns a public page's declaration into the shared life, or private when anything makes it one person's", () => {
    expect(outgoingCacheControl(PUBLIC_PAGE_CACHE_CONTROL, ok, SHARED)).toBe(SHARED);
    expect(outgoingCacheControl(PUBLIC_PAGE_CACHE_CONTROL, { ...ok, status: 304 }, SHARED)).toBe(SHARED);
    // EDGE_CACHE_SECONDS=0: not for shared caches, as before; the browser revalidates (ETag).
    expect(outgoingCacheControl(PUBLIC_PAGE_CACHE_CONTROL, ok, null)).toBe("private, no-cache");
    expect(outgoingCacheControl(PUBLIC_PAGE_CACHE_CONTROL, { ...ok, request: "organizer-or-write" }, SHARED)).toBe("private, no-cache");
    expect(outgoingCacheControl(PUBLIC_PAGE_CACHE_CONTROL, { ...ok, request: "own-query" }, SHARED)).toBe(PRIVATE_PAGE_CACHE_CONTROL);
    expect(outgoingCacheControl(PUBLIC_PAGE_CACHE_CONTROL, { ...ok, setsCookie: true }, SHARED)).toBe(PRIVATE_PAGE_CACHE_CONTROL);
    expect(outgoingCacheControl(PUBLIC_PAGE_CACHE_CONTROL, { ...ok, status: 404 }, SHARED)).toBe(PRIVATE_PAGE_CACHE_CONTROL);
    expect(outgoingCacheControl(PUBLIC_PAGE_CACHE_CONTROL, { ...ok, status: 302 }, SHARED)).toBe("private, no-cache");
    // A copy the page cache replays carries the shared value: judged again for this request.
    expect(outgoingCacheControl(SHARED, { ...ok, request: "organizer-or-write" }, SHARED)).toBe("private, no-cache");
  });

  it("leaves other answers as they are, and makes an error without a say no-store", () => {
    expect(outgoingCacheControl("public, max-age=31536000, immutable", ok, SHARED)).toBe("public, max-age=31536000, immutable");
    expect(outgoingCacheControl("private, no-store", ok, SHARED)).toBe("private, no-store");
    expect(outgoingCacheControl(undefined, ok, SHARED)).toBeUndefined();
    expect(outgoingCacheControl(undefined, { ...ok, status: 500 }, SHARED)).toBe(PRIVATE_PAGE_CACHE_CONTROL);
    expect(outgoingCacheControl("public, max-age=300", { ...ok, status: 503 }, SHARED)).toBe("public, max-age=300");
  });

  it("tells requests apart: the organizer's cookie, a write, a query of one's own", () => {
    const req = (url: string, cookie?: string, method = "GET") => ({ method, url, headers: cookie ? { cookie } : {} });
    expect(pageRequestKind(req("/en/petitions/a"))).toBe("anonymous");
    expect(pageRequestKind(req("/en/petitions/a", "lng=fr; tw_organizer_x=1"))).toBe("anonymous");
    expect(pageRequestKind(req("/en/petitions/a?ref=abc&partner=eff"))).toBe("anonymous");
    expect(pageRequestKind(req("/embed/petitions/a?lng=fr", undefined, "HEAD"))).toBe("anonymous");
    expect(pageRequestKind(req("/en/petitions/a", "lng=fr; tw_organizer=s%3Aabc"))).toBe("organizer-or-write");
    expect(pageRequestKind(req("/en/petitions/a", undefined, "POST"))).toBe("organizer-or-write");
    expect(pageRequestKind(req("/en/petitions/a?preview"))).toBe("own-query");
    expect(pageRequestKind(req("/en/letters/a?country=fra"))).toBe("own-query");
    expect(pageRequestKind(req("/en/petitions/a?ref=x&utm_source=y"))).toBe("own-query");
    expect(isPublicPageAnswer(PUBLIC_PAGE_CACHE_CONTROL)).toBe(true);
    expect(isPublicPageAnswer(SHARED)).toBe(true);
    expect(isPublicPageAnswer("public, max-age=300")).toBe(false);
    expect(isPublicPageAnswer(undefined)).toBe(false);
  });
});

describe("the header hook on a real response", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    app.use("/zero", sharedCacheHeaders({ ...LIFE, cacheSeconds: 0 }));
    app.use(sharedCacheHeaders(LIFE));
    app.get(["/page", "/zero/page"], (_req, res) => res.set("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL).send("<p>page</p>"));
    app.get("/cookie", (_req, res) => res.set("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL).cookie("a", "b").send("x"));
    app.get("/missing", (_req, res) => res.status(404).send("no"));
    server = app.listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));
  const cacheControl = async (path: string, headers: Record<string, string> = {}) => (await fetch(`${base}${path}`, { headers })).headers.get("cache-control");

  it("sets the final Cache-Control once the answer is known", async () => {
    expect(await cacheControl("/page")).toBe(SHARED);
    expect(await cacheControl("/page", { cookie: "tw_organizer=1" })).toBe("private, no-cache");
    expect(await cacheControl("/zero/page")).toBe("private, no-cache");
    expect(await cacheControl("/cookie")).toBe(PRIVATE_PAGE_CACHE_CONTROL);
    expect(await cacheControl("/missing")).toBe(PRIVATE_PAGE_CACHE_CONTROL);
  });
});

describe("the form token of a page a shared cache served", () => {
  const secrets = ["s"];
  it("is honoured a day past the oldest copy a shared cache may serve, and the fill time only grows with the copy's age", () => {
    const config = testConfig();
    const servedFor = (30 + 86_400) * 1000;
    expect(config.signing.formMaxAgeMs).toBe(86_400_000 + servedFor);
    expect(config.letters.formMaxAgeMs).toBe(86_400_000 + servedFor);
    expect(testConfig({ EDGE_CACHE_SECONDS: "0" }).signing.formMaxAgeMs).toBe(86_400_000);
    const rendered = new Date("2026-12-06T10:00:00Z");
    const token = issueFormToken(7, rendered, secrets);
    // Served from the cache 90 s after the render, submitted 1 s later: 91 s of "fill time" (never less than the real one).
    const check = checkFormToken(token, 7, new Date(rendered.getTime() + 91_000), config.signing.formMaxAgeMs, secrets);
    expect(check).toEqual({ ok: true, fillMs: 91_000 });
    // A copy served stale for nearly a day while the app erred, then filled in the day after: still honoured.
    expect(checkFormToken(token, 7, new Date(rendered.getTime() + servedFor + 86_000_000), config.signing.formMaxAgeMs, secrets).ok).toBe(true);
    expect(checkFormToken(token, 7, new Date(rendered.getTime() + servedFor + 86_400_001), config.signing.formMaxAgeMs, secrets).ok).toBe(false);
    expect(checkFormToken(token, 8, new Date(rendered.getTime() + 1000), config.signing.formMaxAgeMs, secrets).ok).toBe(false);
  });
});
