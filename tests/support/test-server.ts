import type { ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";
import { PageViewTally } from "../../server/page-views";
import { recordPageViews } from "../../app/modules/campaign/page-views.repo.server";
import { createApp } from "../../server/app";
import { ensureProductionBuild, SERVER_BUILD_PATH } from "../../server/build";
import { createHttpServer, HTTP_LIMITS, type HttpLimits } from "../../server/http-server";
import type { LogSink } from "../../server/request-log";
import type { Config } from "../../app/lib/config.server";
import { openTestDatabase } from "./database";
import { testConfig } from "./test-config";

export { TEST_PUBLIC_URL } from "./test-config";

export interface TestServer {
  base: string;
  database: DatabaseHandle;
  /**
   * From the next request on, loaders and actions see `config` (what a restart with other
   * settings would give). What the server set up at start (proxy trust, page cache) stays.
   */
  reconfigure(config: Config): void;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Writes the page views counted so far (the app does it every few seconds). */
  writePageViews(): Promise<void>;
  close(): Promise<void>;
}

/** The real app (production build) on a fresh, seeded database, on a free port. */
export async function startTestServer({
  config = testConfig(),
  httpLimits = HTTP_LIMITS,
  requestLog = null,
  localOutbox = false,
}: { config?: Config; httpLimits?: HttpLimits; requestLog?: LogSink | null; localOutbox?: boolean } = {}): Promise<TestServer> {
  ensureProductionBuild();
  const build = (await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild;
  const database = await openTestDatabase();
  await migrateToLatest(database.db);
  await seedDatabase(database.db);
  let current = config;
  // The app reads its configuration through this, so `reconfigure` reaches the next request.
  const live = new Proxy({} as Config, { get: (_target, key) => current[key as keyof Config] });
  const pageViews = new PageViewTally();
  // The HTTP server of server/start.ts: its timeouts, header limit and answers to malformed requests.
  const server: Server = createHttpServer(createApp({ database, config: live, build, mode: "production", pageViews, requestLog, localOutbox }), httpLimits).listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    database,
    reconfigure: (next) => {
      current = next;
    },
    get: (path, headers = {}) => fetch(`${base}${path}`, { headers, redirect: "manual" }),
    writePageViews: () => recordPageViews(database.db, pageViews.drain()),
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}
