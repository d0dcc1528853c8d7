import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { productionCommand, WEB_SERVER_ENTRY } from "../../server/build";
import { freePort } from "../support/processes";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** Embedded database and mail to files: `/dev/outbox` exists. */
    localTrial: boolean;
    /** Where the server writes mail (read directly when `/dev/outbox` does not exist). */
    outboxDir: string;
    /** An admin organizer added before the server started (`npm run organizer:add`). */
    organizerEmail: string;
    /** The server's SESSION_SECRET (links it signs can be made by a test, as the mail worker makes them). */
    sessionSecret: string;
  }
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

let child: ChildProcess | undefined;
let output = "";
/** Undo what setup made (temporary folders, database), last made first. */
const cleanups: (() => Promise<void> | void)[] = [];

async function runCleanups() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.error("e2e teardown:", error);
    }
  }
}

/** A fresh embedded database folder, or a fresh database on the server DATABASE_URL names. */
async function databaseEnv(): Promise<Record<string, string>> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const folder = mkdtempSync(join(tmpdir(), "tw-e2e-pglite-"));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    return { PGLITE_DIR: folder, DATABASE_URL: "" };
  }
  const name = `tw_e2e_${randomBytes(5).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  cleanups.push(() => admin.end());
  await admin.unsafe(`create database ${name}`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

async function waitUntilReady(baseUrl: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child?.exitCode !== null) throw new Error(`The server exited (code ${child?.exitCode}) before it was ready:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM, then wait for the graceful exit; SIGKILL if it hangs. Resolves to the exit code. */
async function stopServer(): Promise<number | null> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
  const running = child;
  const exited = new Promise<number | null>((resolve) => running.once("exit", (code) => resolve(code)));
  running.kill("SIGTERM");
  const timer = setTimeout(() => {
    console.error(`The e2e server did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; killing it.`);
    running.kill("SIGKILL");
  }, STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** The real server (`server/start.ts`, production build) on its own fresh database and a free port. */
export async function setup(project: TestProject) {
  output = "";
  try {
    // E2E_PORT pins the server's port (a machine that hands out port ranges); a free one otherwise.
    const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
    const outboxDir = mkdtempSync(join(tmpdir(), "tw-e2e-outbox-"));
    cleanups.push(() => rmSync(outboxDir, { recursive: true, force: true }));
    // Organizer sessions the browser tests reuse (organizer-sign-in.ts) are kept beside the outbox.
    cleanups.push(() => {
      for (const file of readdirSync(dirname(outboxDir)).filter((name) => name.startsWith(`${basename(outboxDir)}-session-`))) rmSync(join(dirname(outboxDir), file), { force: true });
    });
    const sessionSecret = process.env.SESSION_SECRET || "e2e-secret";
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...(await databaseEnv()),
      SESSION_SECRET: sessionSecret,
      PORT: String(port),
      PUBLIC_URL: "",
      LOG_REQUESTS: "0",
      NODE_ENV: "production",
      MAIL_OUTBOX_DIR: outboxDir,
      SMTP_URL: "",
      // Letters sent faster than this are refused; the letter tests wait it out.
      LETTER_MIN_FILL_SECONDS: "1",
      // A busy test machine must not put the server in surge mode: journeys expect counts and pages to follow at once.
      SURGE_THRESHOLD_RPS: "0",
      // The signature log signs a checkpoint at the petition job's next look (about every 10 s) once it
      // has grown, with a key of this run's own: both databases sign, and nothing is written under .data/.
      CHECKPOINT_INTERVAL_SECONDS: "1",
      LOG_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    };
    // The first organizer, the way a deployment adds one: the command line, before the app holds the database.
    const organizerEmail = "e2e-admin@example.org";
    execFileSync(process.execPath, ["--import", "tsx", "cli/organizer-add.ts", "--email", organizerEmail, "--role", "admin"], { env, stdio: ["ignore", "ignore", "inherit"] });
    // A second account: sign-in links are limited per address and hour, and the journeys sign in often.
    execFileSync(process.execPath, ["--import", "tsx", "cli/organizer-add.ts", "--email", "e2e-campaigner@example.org", "--role", "organizer"], { env, stdio: ["ignore", "ignore", "inherit"] });
    // A partner running a petition of its own, and one of its people (partner-account.e2e.test.ts).
    execFileSync(process.execPath, ["--import", "tsx", "tests/e2e/partner-fixture.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
    execFileSync(process.execPath, ["--import", "tsx", "cli/organizer-add.ts", "--email", "e2e-partner@example.org", "--role", "partner", "--partner", "e2e-partner"], { env, stdio: ["ignore", "ignore", "inherit"] });
    // A petition forwarded around one campus: signatures held for review by the trending rule (trending.e2e.test.ts).
    execFileSync(process.execPath, ["--import", "tsx", "tests/e2e/trending-fixture.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
    // What `npm start` runs, without npm in between, so that SIGTERM reaches the
    // server itself and its exit code is the server's.
    const [node, args] = productionCommand(WEB_SERVER_ENTRY);
    child = spawn(node, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(baseUrl);
    // A local trial loads the demo campaigns on first start; a real server only on request.
    if (process.env.DATABASE_URL) {
      execFileSync(process.execPath, ["--import", "tsx", "cli/seed.ts", "--demo"], { env, stdio: ["ignore", "ignore", "inherit"] });
    }
    project.provide("baseUrl", baseUrl);
    project.provide("localTrial", !process.env.DATABASE_URL);
    project.provide("outboxDir", outboxDir);
    project.provide("organizerEmail", organizerEmail);
    project.provide("sessionSecret", sessionSecret);
  } catch (error) {
    await stopServer();
    await runCleanups();
    throw error;
  }
}

export async function teardown() {
  const code = await stopServer();
  await runCleanups();
  // The server shuts down gracefully on SIGTERM (requests finished, database closed): anything else is a bug.
  if (code !== 0) throw new Error(`The e2e server exited with code ${code} after SIGTERM:\n${output}`);
}
