import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** Embedded database and mail to files: `/dev/outbox` exists. */
    localTrial: boolean;
  }
}

let child: ChildProcess | undefined;
let outboxDir: string | undefined;
let cleanup: () => Promise<void> = async () => {};

async function databaseEnv(): Promise<Record<string, string>> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const folder = mkdtempSync(join(tmpdir(), "tw-e2e-"));
    cleanup = async () => rmSync(folder, { recursive: true, force: true });
    return { PGLITE_DIR: join(folder, "pglite"), DATABASE_URL: "" };
  }
  const name = `tw_e2e_${randomBytes(5).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  cleanup = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString(), SESSION_SECRET: process.env.SESSION_SECRET || "e2e-secret" };
}

/** The real server, production build, on its own fresh database. */
export async function setup(project: TestProject) {
  const port = 4100 + Math.floor(Math.random() * 800);
  outboxDir = mkdtempSync(join(tmpdir(), "tw-e2e-outbox-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(await databaseEnv()),
    PORT: String(port),
    LOG_REQUESTS: "0",
    NODE_ENV: "production",
    MAIL_OUTBOX_DIR: outboxDir,
    SMTP_URL: "",
  };
  child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The server did not become ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("localTrial", !process.env.DATABASE_URL);
}

export async function teardown() {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await cleanup();
  if (outboxDir) rmSync(outboxDir, { recursive: true, force: true });
}
