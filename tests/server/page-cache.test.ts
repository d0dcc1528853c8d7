import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageCache } from "../../server/page-cache";
import { cspNonce, securityHeaders } from "../../server/security";
import { readSurgeModeOnArrival } from "../../server/surge";
import { publicPageCacheability, testSurgeMode } from "../support/page-routes";

let server: Server;
let base: string;
let renders = 0;

beforeAll(async () => {
  const app = express();
  app.use(cspNonce);
  app.use(securityHeaders({ development: false }));
  app.use(readSurgeModeOnArrival(() => testSurgeMode(false, 60_000)));
  app.use(pageCache({ pageCacheability: publicPageCacheability }));
  app.get("/:lng/petitions/:slug", (req, res) => {
    renders++;
    const nonce = res.locals.cspNonce as string;
    if (req.params.slug === "missing") return res.status(404).type("html").send("<p>not found</p>");
    res.setHeader("Cache-Control", "private, no-cache");
    res.type("html");
    res.write(`<html><script nonce="${nonce}">1</script>`);
    res.end(`<p>render ${renders} for ${req.headers["accept-language"] ?? "-"}</p></html>`);
  });
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
const nonceOf = (html: string) => /nonce="([^"]+)"/u.exec(html)![1];

describe("the page micro-cache", () => {
  it("replays a rendered petition page, compressed or not, with a CSP header that allows its scripts", async () => {
    const first = await get("/en/petitions/a", { "accept-language": "fr-FR" });
    const firstHtml = await first.text();
    for (const encoding of ["gzip, br", "identity"]) {
      const again = await get("/en/petitions/a", { "accept-language": "fr-FR", "accept-encoding": encoding });
      expect(again.headers.get("x-page-cache")).toBe("hit");
      expect(again.headers.get("content-encoding")).toBe(encoding === "identity" ? null : "gzip");
      expect(again.headers.get("cache-control")).toBe("private, no-cache");
      expect(again.headers.get("content-security-policy")).toContain(`'nonce-${nonceOf(firstHtml)}'`);
      expect(again.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await again.text()).toBe(firstHtml);
    }
    expect(firstHtml).toContain("render 1 for fr-FR");
  });

  it("keeps one copy for visitors of every country: the browser pre-selects theirs", async () => {
    const before = renders;
    await get("/en/petitions/b", { "accept-language": "pt-BR" });
    await get("/en/petitions/b", { "accept-language": "de-DE" });
    await get("/en/petitions/b", { "accept-language": "pt-BR,pt;q=0.9" });
    expect(renders - before).toBe(1);
  });

  it("never caches a query string, another method, another path or an error page", async () => {
    const before = renders;
    await get("/en/petitions/c?ref=abcdefgh");
    await get("/en/petitions/c?ref=abcdefgh");
    await fetch(`${base}/en/petitions/c`, { method: "POST" });
    await get("/en/petitions/missing");
    const again = await get("/en/petitions/missing");
    expect(again.status).toBe(404);
    expect(again.headers.get("x-page-cache")).toBeNull();
    expect(renders - before).toBe(4);
  });
});
