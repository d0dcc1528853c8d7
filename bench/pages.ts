/**
 * Load test of the public pages: starts the production server on a fresh
 * database, then hits each page with autocannon and prints requests/s and
 * latency percentiles. Usage: `npm run bench:pages [-- --seconds 10 --connections 20]`.
 * Uses DATABASE_URL (a fresh database is created beside it) or a temporary PGlite folder.
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const seconds = arg("seconds", 10);
const connections = arg("connections", 20);
const port = arg("port", 3456);

const PAGES = ["/en/countries/fra", "/en/countries", "/ar", "/api/v1/countries", "/api/v1/countries/deu"];

async function freshDatabaseEnv(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const folder = mkdtempSync(join(tmpdir(), "tw-bench-"));
    return { env: { PGLITE_DIR: join(folder, "pglite"), DATABASE_URL: "" }, cleanup: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `tw_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), SESSION_SECRET: "bench" },
    cleanup: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function waitForReady(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never became ready`);
}

const { env, cleanup } = await freshDatabaseEnv();
const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), LOG_REQUESTS: "0", NODE_ENV: "production" };
const server = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], { env: childEnv, stdio: ["ignore", "inherit", "inherit"] });
try {
  await waitForReady(`http://127.0.0.1:${port}/readyz`);
  console.log(`database: ${env.DATABASE_URL ? "postgres" : "pglite"}; ${connections} connections, ${seconds} s per page\n`);
  console.log("page".padEnd(26) + "req/s".padStart(9) + "p50 ms".padStart(9) + "p99 ms".padStart(9) + "  errors  KB/req");
  for (const path of PAGES) {
    // Warm up caches (search index, map geometry) before measuring.
    await fetch(`http://127.0.0.1:${port}${path}`);
    const result = await autocannon({
      url: `http://127.0.0.1:${port}${path}`,
      connections,
      duration: seconds,
      headers: { "accept-encoding": "gzip", "accept-language": "en" },
    });
    const kbPerRequest = result.throughput.total / Math.max(result.requests.total, 1) / 1024;
    console.log(
      path.padEnd(26) +
        result.requests.average.toFixed(0).padStart(9) +
        String(result.latency.p50).padStart(9) +
        String(result.latency.p99).padStart(9) +
        String(result.errors + result.non2xx).padStart(8) +
        kbPerRequest.toFixed(1).padStart(8),
    );
  }
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await cleanup();
}
