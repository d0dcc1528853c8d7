import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { productionCommand, WEB_SERVER_ENTRY } from "../server/build";

/** `--name value` from the command line, or the fallback. */
export const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};

/** A fresh database beside DATABASE_URL (dropped on cleanup), or a temporary PGlite folder. */
export async function freshDatabaseEnv(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
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

export async function waitForReady(url: string) {
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

/** The production server (`npm start`: the compiled `server/start.ts`) on `port`, ready to take load. */
export async function startBenchServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), LOG_REQUESTS: "0", NODE_ENV: "production" };
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const [node, args] = productionCommand(WEB_SERVER_ENTRY);
  const server = spawn(node, [...nodeArgs, ...args], { env: childEnv, stdio: ["ignore", "inherit", "inherit"] });
  await waitForReady(`http://127.0.0.1:${port}/readyz`);
  return server;
}

export async function stopBenchServer(server: ChildProcess) {
  if (server.exitCode !== null) return;
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}

/** One line of a results table. */
export function row(label: string, ...cells: (string | number)[]): string {
  return label.padEnd(34) + cells.map((c) => String(c).padStart(10)).join("");
}

/** `--json path`: the script also writes its figures there, for `npm run bench` (bench/all.ts). */
export function writeResults(results: unknown) {
  const index = process.argv.indexOf("--json");
  if (index < 0) return;
  writeFileSync(process.argv[index + 1]!, JSON.stringify(results, null, 2));
}

/** Loads the demo petition and letter campaign into a fresh PostgreSQL database (the app migrated it). */
export function seedDemo(env: Record<string, string>) {
  execFileSync(process.execPath, ["--import", "tsx", "cli/seed.ts", "--demo"], { env: { ...process.env, ...env }, stdio: "ignore" });
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  /** `sign`: POST the sign form as a distinct person and client address each time. */
  kind: "get" | "sign";
  formToken?: string;
  /** Makes emails and client addresses distinct between load processes. */
  tag?: number;
  /** Requests per second in total (a fixed offered load); unset = as fast as answered. */
  rate?: number;
  /** Accept-Language headers to rotate through (each is a different visitor country). */
  languages?: string[];
  /** Wall-clock time (ms) to start at, so several load processes start together. */
  startAt?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  /** Network errors, timeouts and statuses other than the expected one. */
  errors: number;
  /** Answers with the expected status (302 for signing, 200 for pages). */
  ok: number;
}

/**
 * Runs `bench/load.ts` (autocannon) in a process of its own, so that several
 * loads can run side by side on different ports without sharing one event loop.
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/load.ts", JSON.stringify(spec)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load process exited with ${code}`))));
  });
}

/** The machine the figures come from. */
export async function machineFacts(databaseUrl: string | undefined) {
  const cpus = os.cpus();
  let postgresVersion = "n/a";
  if (databaseUrl) {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    postgresVersion = ((await sql<{ v: string }[]>`select current_setting('server_version') as v`)[0]?.v ?? "n/a").split(" ")[0]!;
    await sql.end();
  }
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: postgresVersion,
    loadAverage: os.loadavg()[0]!,
  };
}
