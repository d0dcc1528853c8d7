import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const SERVER_BUILD_PATH = join(process.cwd(), "build", "index.js");
const SOURCES = ["app", "locales", "remix.config.js", "package.json"];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** True when there is no production build or a source is newer than it. */
export function buildIsStale(): boolean {
  if (!existsSync(SERVER_BUILD_PATH)) return true;
  const built = statSync(SERVER_BUILD_PATH).mtimeMs;
  return SOURCES.filter((s) => existsSync(s)).some((s) => newestMtime(s) > built);
}

/** `npm start` right after `npm install`: make the production build when needed. */
export function ensureProductionBuild(): void {
  if (!buildIsStale()) return;
  console.log("Building the app (remix build)…");
  const result = spawnSync("npx", ["remix", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" } as NodeJS.ProcessEnv,
  });
  if (result.status !== 0) throw new Error("remix build failed");
}
