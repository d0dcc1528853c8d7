import type { ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";
import { seedDemoContent } from "../../server/demo-content";
import { createApp } from "../../server/app";
import { ensureProductionBuild, SERVER_BUILD_PATH } from "../../server/build";
import type { SurgeMonitor } from "../../server/surge";
import { openTestDatabase } from "../support/database";
import { testSurgeMode } from "../support/page-routes";
import { DEMO_PETITION } from "../support/petition";
import { testConfig } from "../support/test-config";

let database: DatabaseHandle;
let server: Server;
let base: string;

/**
 * Surge mode as the process's monitor has it. `switchDuringNextRequest` flips it on the turn of
 * the event loop after the next request arrives: while that request is being rendered, as the
 * monitor's timer may do it.
 */
let active = false;
let switchDuringNextRequest = false;
const surge: SurgeMonitor = {
  meter: (_req, _res, next) => {
    if (switchDuringNextRequest) {
      switchDuringNextRequest = false;
      setImmediate(() => (active = !active));
    }
    next();
  },
  mode: () => testSurgeMode(active, 60_000),
  status: () => ({ active, switchValue: "auto", requestsPerSecond: 0, busy: 0 }),
  stop: () => {},
};

beforeAll(async () => {
  ensureProductionBuild();
  const build = (await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild;
  database = await openTestDatabase();
  await migrateToLatest(database.db);
  await seedDatabase(database.db);
  await seedDemoContent(database.db);
  server = createApp({ database, config: testConfig(), build, mode: "production", surge }).listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

const view = async (path: string, acceptLanguage: string) => {
  const response = await fetch(`${base}${path}`, { headers: { "accept-language": acceptLanguage } });
  expect(response.status).toBe(200);
  const html = await response.text();
  return { hit: response.headers.get("x-page-cache") === "hit", html, preselected: /<option value="([A-Z]{3})" selected=""/u.exec(html)?.[1] ?? null };
};

describe("surge mode is read once per request, for the page cache and the loader alike", () => {
  it("a petition page whose request began before surge mode turned on pre-selects no one's country either: one copy for all", async () => {
    const path = `/en/petitions/${DEMO_PETITION}`;
    active = false;
    switchDuringNextRequest = true;
    const began = await view(path, "pt-BR");
    expect(active).toBe(true);
    // The browser pre-selects, in surge mode or not: the server's copy names no visitor's country.
    expect(began.preselected).toBeNull();

    // In surge mode the same copy serves every visitor.
    const german = await view(path, "de-DE");
    expect(german.hit).toBe(true);
    expect(german.html).toBe(began.html);
  });

  it("a petition page whose request began in surge mode, which ended meanwhile, shows no visitor's country in the copy kept for all", async () => {
    const path = `/fr/petitions/${DEMO_PETITION}`;
    active = true;
    switchDuringNextRequest = true;
    const began = await view(path, "pt-BR");
    expect(active).toBe(false);
    expect(began.preselected).toBeNull();

    // The next surge replays that copy to everyone: no Brazilian pre-selection for a German visitor.
    active = true;
    const german = await view(path, "de-DE");
    expect(german.hit).toBe(true);
    expect(german.preselected).toBeNull();
  });
});
