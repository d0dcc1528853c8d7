import compression from "compression";
import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { readSurgeSwitch, setSurgeSwitch } from "../../app/modules/surge/surge-switch.repo.server";
import { testConfig } from "../support/test-config";
import { createPageCache } from "../../server/page-cache";
import { cspNonce, securityHeaders } from "../../server/security";
import { readSurgeModeOnArrival, startSurgeMonitor } from "../../server/surge";
import { openTestDatabase } from "../support/database";
import { publicPageCacheability, testSurgeMode } from "../support/page-routes";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let handle: DatabaseHandle;
let server: Server;
let base: string;
let renders = 0;
let surging = false;
let clockMs = Date.UTC(2026, 10, 29, 12, 0, 0);

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  const app = express();
  app.use(cspNonce);
  app.use(securityHeaders({ development: false }));
  // As in server/app.ts: hits answered before compression, pages stored after it.
  const pages = createPageCache({ pageCacheability: publicPageCacheability, clock: () => clockMs });
  app.use(readSurgeModeOnArrival(() => testSurgeMode(surging, surging ? 15_000 : 1000)));
  app.use(pages.serve);
  app.use(compression());
  app.use(pages.store);
  app.get(["/:lng", "/:lng/countries", "/:lng/countries/:code", "/:lng/petitions/:slug"], async (req, res) => {
    renders++;
    if (req.params.slug === "slow") await pause(150);
    res.type("html").send(`<html><script nonce="${res.locals.cspNonce as string}">1</script><p>${"words ".repeat(400)} render ${renders} of ${req.path}</p></html>`);
  });
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await handle.close();
});

const get = (path: string) => fetch(`${base}${path}`, { headers: { "accept-encoding": "gzip" } });

describe("public pages in surge mode", () => {
  it("are replayed for the short micro-cache life normally, then rendered again", async () => {
    surging = false;
    const first = await (await get("/en/petitions/a")).text();
    const again = await get("/en/petitions/a");
    expect(again.headers.get("x-page-cache")).toBe("hit");
    expect(await again.text()).toBe(first);
    clockMs += 1000;
    const later = await get("/en/petitions/a");
    expect(later.headers.get("x-page-cache")).toBeNull();
    expect(await later.text()).not.toBe(first);
  });

  it("are replayed for the longer life while surging, compressed once, for the home, country and petition pages", async () => {
    surging = true;
    for (const path of ["/fr", "/fr/countries", "/fr/countries/deu", "/fr/petitions/b"]) {
      const first = await (await get(path)).text();
      clockMs += 14_000;
      const again = await get(path);
      expect(again.headers.get("x-page-cache"), path).toBe("hit");
      expect(again.headers.get("content-encoding")).toBe("gzip");
      expect(await again.text()).toBe(first);
    }
  });

  it("keeps one copy of each page for visitors of every country, calm or surging (the browser pre-selects the country)", async () => {
    const languages = ["pt-BR", "de-DE", "fr-FR", "en-NG", "hi-IN"];
    for (const [mode, path] of [[false, "/ru/petitions/c"], [true, "/ru/petitions/d"], [true, "/ru/countries"], [false, "/ru"]] as const) {
      surging = mode;
      const before = renders;
      const pages: string[] = [];
      for (const language of languages) pages.push(await (await fetch(`${base}${path}`, { headers: { "accept-language": language } })).text());
      expect(renders - before, path).toBe(1);
      expect(new Set(pages).size, path).toBe(1);
    }
  });

  it("renders an expired page once while visitors arriving meanwhile get the expired copy", async () => {
    surging = false;
    const first = await (await get("/en/petitions/slow")).text();
    clockMs += 1000;
    const before = renders;
    const answers = await Promise.all(Array.from({ length: 6 }, () => get("/en/petitions/slow")));
    const bodies = await Promise.all(answers.map((a) => a.text()));
    expect(renders - before).toBe(1);
    expect(answers.filter((a) => a.headers.get("x-page-cache") === "hit")).toHaveLength(5);
    expect(bodies.filter((b) => b === first)).toHaveLength(5);
    // The new copy is what the next visitor gets.
    const next = await get("/en/petitions/slow");
    expect(next.headers.get("x-page-cache")).toBe("hit");
    expect(await next.text()).not.toBe(first);
  });

  it("never replays a query string or a POST, surge or not", async () => {
    surging = true;
    const before = renders;
    await get("/fr/countries?q=de");
    await get("/fr/countries?q=de");
    await fetch(`${base}/fr/petitions/b`, { method: "POST" }).catch(() => undefined);
    expect(renders - before).toBe(2);
  });
});

describe("the surge monitor", () => {
  it("follows the organizers' switch stored in the database, and its own load on auto", async () => {
    expect((await readSurgeSwitch(handle.db)).value).toBe("auto");
    let now = Date.UTC(2026, 10, 29, 12, 0, 0);
    const settings = testConfig({ SURGE_THRESHOLD_RPS: "100", SURGE_SWITCH_POLL_MS: "0" }).surge;
    let busy = 0.1;
    const monitor = startSurgeMonitor(handle.db, settings, () => now, () => busy);
    try {
      const tick = async () => {
        now += 1000;
        await pause(5);
      };
      const hit = (n: number) => {
        for (let i = 0; i < n; i++) monitor.meter({} as never, {} as never, () => {});
      };
      expect(monitor.mode().active).toBe(false);

      await setSurgeSwitch(handle.db, "on", "test");
      // The monitor re-evaluates every second on its own timer; the switch is read on each poll.
      await expect.poll(() => monitor.mode().active, { timeout: 3000 }).toBe(true);
      expect(monitor.mode().pageCacheMs).toBe(settings.surge.pageCacheMs);

      await setSurgeSwitch(handle.db, "auto", "test");
      await expect.poll(() => monitor.mode().active, { timeout: 3000 }).toBe(false);
      expect(monitor.mode().pageCacheMs).toBe(settings.normal.pageCacheMs);

      for (let s = 0; s < 6; s++) {
        hit(150);
        await tick();
      }
      await expect.poll(() => monitor.mode().active, { timeout: 3000 }).toBe(true);
      expect(monitor.status().requestsPerSecond).toBeGreaterThanOrEqual(100);

      // Calm again after the hold time; then a saturated event loop alone turns it on.
      now += settings.holdMs + 10_000;
      await expect.poll(() => monitor.mode().active, { timeout: 3000 }).toBe(false);
      busy = 0.97;
      await tick();
      expect(monitor.mode().active).toBe(false);
      for (let s = 0; s < 6; s++) {
        hit(20);
        await tick();
      }
      await expect.poll(() => monitor.mode().active, { timeout: 3000 }).toBe(true);
    } finally {
      monitor.stop();
      await setSurgeSwitch(handle.db, "auto", "test");
    }
  });
});
