import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { environmentWith, readVariable } from "../app/lib/config.server";

/** The Remix build (routes, components), made by `remix build`. */
export const SERVER_BUILD_PATH = join(process.cwd(), "build", "index.js");
/** The web server and the mail worker compiled to plain JavaScript (`npm run build`, scripts/build-server.ts). */
export const SERVER_BUNDLE_DIR = join(process.cwd(), "build", "server");
export const WEB_SERVER_ENTRY = join(SERVER_BUNDLE_DIR, "start.js");
export const MAIL_WORKER_ENTRY = join(SERVER_BUNDLE_DIR, "worker.js");
/** The command lines compiled the same way (`cli/<name>.ts` → `build/server/cli/<name>.js`), for a container image without sources. */
export const MIGRATE_ENTRY = join(SERVER_BUNDLE_DIR, "cli", "migrate.js");

const SOURCES = ["app", "db", "emails", "server", "cli", "locales", "remix.config.js", "package.json"];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** True when an output is missing or a source is newer than the oldest output. */
export function buildIsStale(): boolean {
  const outputs = [SERVER_BUILD_PATH, WEB_SERVER_ENTRY, MAIL_WORKER_ENTRY, MIGRATE_ENTRY];
  if (!outputs.every((output) => existsSync(output))) return true;
  const built = Math.min(...outputs.map((output) => statSync(output).mtimeMs));
  return SOURCES.filter((s) => existsSync(s)).some((s) => newestMtime(s) > built);
}

/** `npm start` right after `npm install`, or a test run: make the production build when needed. */
export function ensureProductionBuild(): void {
  if (!buildIsStale()) return;
  console.log("Building the app (npm run build)…");
  const result = spawnSync("npm", ["run", "-s", "build"], {
    stdio: "inherit",
    env: environmentWith({ NODE_ENV: "production" }),
  });
  if (result.status !== 0) throw new Error("npm run build failed");
}

/**
 * The command line of a production process: plain `node` on the compiled
 * entry, as `npm start` and `npm run worker` run it (no TypeScript compiler
 * in memory). Builds first when the build is stale.
 *
 * `heapMb` is the JavaScript heap limit (NODE_HEAP_MB; the same default is in package.json's
 * start and worker scripts). Node's own default grows with the machine's memory (4 GB here),
 * and V8 paces its collections by it: a process whose live heap is about 35 MB let its resident
 * memory reach 235 MB during a million-row export; with this limit, 156 MB.
 */
export function productionCommand(entry: typeof WEB_SERVER_ENTRY | typeof MAIL_WORKER_ENTRY, heapMb = readVariable("NODE_HEAP_MB")): [string, string[]] {
  ensureProductionBuild();
  return [process.execPath, ["--enable-source-maps", `--max-old-space-size=${heapMb}`, entry]];
}
