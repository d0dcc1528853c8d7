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
import type { ServerConfig } from "../../server/config";
import { createHttpServer, HTTP_LIMITS, type HttpLimits } from "../../server/http-server";
import type { LogSink } from "../../server/request-log";
import { openTestDatabase } from "./database";

export const TEST_PUBLIC_URL = "https://treaty.example.org";

/** The configuration the test servers run with. */
export const TEST_CONFIG: ServerConfig = {
  port: 0,
  publicUrl: TEST_PUBLIC_URL,
  sessionSecrets: ["test-secret"],
  trustProxy: false,
  maxBodyBytes: 64 * 1024,
  // Tests change what pages show and look at once; the cache has its own test.
  pageCacheMs: 0,
};

export interface TestServer {
  base: string;
  database: DatabaseHandle;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Writes the page views counted so far (the app does it every few seconds). */
  writePageViews(): Promise<void>;
  close(): Promise<void>;
}

/** The real app (production build) on a fresh, seeded database, on a free port. */
export async function startTestServer({
  httpLimits = HTTP_LIMITS,
  trustProxy = false,
  requestLog = null,
  localOutbox = false,
}: { httpLimits?: HttpLimits; trustProxy?: ServerConfig["trustProxy"]; requestLog?: LogSink | null; localOutbox?: boolean } = {}): Promise<TestServer> {
  process.env.LOG_REQUESTS = "0";
  ensureProductionBuild();
  const build = (await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild;
  const database = await openTestDatabase();
  await migrateToLatest(database.db);
  await seedDatabase(database.db);
  const config: ServerConfig = { ...TEST_CONFIG, trustProxy };
  const pageViews = new PageViewTally();
  // The HTTP server of server/start.ts: its timeouts, header limit and answers to malformed requests.
  const server: Server = createHttpServer(createApp({ database, config, build, mode: "production", pageViews, requestLog, localOutbox }), httpLimits).listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    database,
    get: (path, headers = {}) => fetch(`${base}${path}`, { headers, redirect: "manual" }),
    writePageViews: () => recordPageViews(database.db, pageViews.drain()),
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}
