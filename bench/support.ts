import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

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

/** The production server (`server/start.ts`) on `port`, ready to take load. */
export async function startBenchServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), LOG_REQUESTS: "0", NODE_ENV: "production" };
  const server = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], { env: childEnv, stdio: ["ignore", "inherit", "inherit"] });
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
