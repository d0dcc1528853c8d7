/**
 * Scale out on one machine: two app processes (`server/start.ts`, production
 * build, MAIL_WORKER=off) and two mail workers (`server/worker.ts`) against one
 * fresh PostgreSQL database, on loopback ports. Load is spread by running one
 * autocannon process per app port at the same time (no proxy in between, so
 * the figure is the app tier's). Measures signing and the petition page with
 * one process, then with both, checks that every success is one stored row
 * with one mail, and that the per-address signing limit holds across processes.
 * Usage: `DATABASE_URL=… npm run bench:cluster [-- --seconds 10 --connections 50 --page-seconds 5]`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { MAIL_WORKER_ENTRY, productionCommand } from "../server/build";
import { arg, freshDatabaseEnv, row, runLoad, seedDemo, startBenchServer, stopBenchServer, writeResults, type LoadResult, type LoadSpec } from "./support";

if (!process.env.DATABASE_URL) {
  console.error("bench:cluster measures PostgreSQL: set DATABASE_URL.");
  process.exit(2);
}
const seconds = arg("seconds", 10);
const pageSeconds = arg("page-seconds", 5);
const connections = arg("connections", 50);
const ports = [arg("port", 3461), arg("port", 3461) + 1];
const SLUG = "stop-the-cybercrime-convention";
const LANGUAGES = ["fr-FR", "de-DE", "pt-BR", "en-NG", "hi-IN", "en-US", "es-MX", "ar-EG", "ru-RU", "zh-CN"];

const { env, cleanup } = await freshDatabaseEnv();
const outbox = mkdtempSync(join(tmpdir(), "tw-cluster-outbox-"));
const serverEnv = { ...env, MAIL_WORKER: "off", TRUST_PROXY: "loopback", MAIL_OUTBOX_DIR: outbox, DATABASE_POOL_SIZE: String(arg("pool", 10)), SURGE_THRESHOLD_RPS: "0" };
const apps: ChildProcess[] = [];
const workers: ChildProcess[] = [];
const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });

async function stopWorker(worker: ChildProcess) {
  if (worker.exitCode !== null) return;
  worker.kill("SIGTERM");
  await new Promise((resolve) => worker.once("exit", resolve));
}

/** The same load split over the given app ports, started at one instant; rates and totals added up. */
async function spread(count: number, spec: Omit<LoadSpec, "url" | "connections" | "startAt" | "tag">, path: string, tagBase: number): Promise<LoadResult> {
  const startAt = Date.now() + 2500;
  const results = await Promise.all(
    ports.slice(0, count).map((port, i) =>
      runLoad({ ...spec, url: `http://127.0.0.1:${port}${path}`, connections: Math.ceil(connections / count), startAt, tag: tagBase + i }),
    ),
  );
  return {
    requestsPerSecond: results.reduce((sum, r) => sum + r.requestsPerSecond, 0),
    total: results.reduce((sum, r) => sum + r.total, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    ok: results.reduce((sum, r) => sum + r.ok, 0),
  };
}

try {
  apps.push(await startBenchServer(ports[0]!, serverEnv));
  seedDemo(serverEnv);
  apps.push(await startBenchServer(ports[1]!, serverEnv));
  for (let i = 0; i < 2; i++) {
    const [node, args] = productionCommand(MAIL_WORKER_ENTRY);
    workers.push(spawn(node, args, { env: { ...process.env, ...serverEnv, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] }));
  }
  const page = await (await fetch(`http://127.0.0.1:${ports[0]}/en/petitions/${SLUG}`)).text();
  const formToken = /name="formToken" value="([^"]+)"/u.exec(page)?.[1];
  if (!formToken) throw new Error("no form token on the petition page");
  await new Promise((resolve) => setTimeout(resolve, 2100));

  // Shared state check: one client address signing through both processes in turn meets one limit
  // (past it the form asks to wait a minute and nothing is stored).
  const perMinute = 20;
  const answers: number[] = [];
  for (let i = 0; i < perMinute + 10; i++) {
    const body = new URLSearchParams({ formToken, name: `Same Address ${i}`, email: `same-address-${i}@example.org`, country: "FRA", comment: "", website: "" });
    const answer = await fetch(`http://127.0.0.1:${ports[i % 2]}/en/petitions/${SLUG}`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "192.0.2.77" },
    });
    answers.push(answer.status);
  }
  const [limited] = await sql<{ total: string }[]>`select count(*) as total from signatures where email like 'same-address-%'`;
  const refused = answers.filter((status) => status === 400).length;
  const rateLimitShared = Number(limited!.total) === perMinute && refused === 10;

  const results: Record<string, { sign: LoadResult; page: LoadResult }> = {};
  for (const count of [1, 2]) {
    const sign = await spread(count, { kind: "sign", seconds, formToken }, `/en/petitions/${SLUG}`, count * 10);
    const pageLoad = await spread(count, { kind: "get", seconds: pageSeconds, languages: LANGUAGES }, `/en/petitions/${SLUG}`, 0);
    results[count] = { sign, page: pageLoad };
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));

  // Every success is one row; every pending row has its confirmation mail queued, and the workers send them.
  const signedOk = results[1]!.sign.ok + results[2]!.sign.ok;
  const [stored] = await sql<{ total: string; pending: string; queued: string; sent: string }[]>`
    select (select count(*) from signatures where email not like 'same-address-%') as total,
           (select count(*) from signatures where status = 'pending') as pending,
           (select count(*) from outgoing_mails) as queued,
           (select count(*) from outgoing_mails where status = 'sent') as sent`;
  const inFlight = Number(stored!.total) - signedOk;
  const consistent = inFlight >= 0 && inFlight <= 2 * connections && Number(stored!.queued) === Number(stored!.pending);

  console.log(`\nPostgreSQL, ${connections} connections in all (split over the app ports), signing ${seconds} s, page ${pageSeconds} s; two mail workers running\n`);
  console.log(row("", "1 process", "2 processes", "ratio"));
  const ratio = (a: number, b: number) => (b / a).toFixed(2);
  console.log(row("POST sign, signatures/s", results[1]!.sign.requestsPerSecond.toFixed(0), results[2]!.sign.requestsPerSecond.toFixed(0), ratio(results[1]!.sign.requestsPerSecond, results[2]!.sign.requestsPerSecond)));
  console.log(row("POST sign, p99 ms", results[1]!.sign.p99, results[2]!.sign.p99));
  console.log(row("GET petition page, views/s", results[1]!.page.requestsPerSecond.toFixed(0), results[2]!.page.requestsPerSecond.toFixed(0), ratio(results[1]!.page.requestsPerSecond, results[2]!.page.requestsPerSecond)));
  console.log(row("GET petition page, p99 ms", results[1]!.page.p99, results[2]!.page.p99));
  console.log(`\nsigned (302): ${signedOk}; rows stored: ${stored!.total}; pending rows ${stored!.pending}, confirmation mails queued ${stored!.queued}, sent by the workers so far ${stored!.sent} (${readdirSync(outbox).length} files)`);
  console.log(`one client address through both processes: ${limited!.total} stored, ${refused} of ${answers.length} asked to wait (limit ${perMinute}/min) — ${rateLimitShared ? "shared" : "NOT SHARED"}`);
  if (!consistent || !rateLimitShared) {
    console.error("MISMATCH: every success must be exactly one row with one mail, and limits must hold across processes");
    process.exitCode = 1;
  }
  writeResults({ connections, seconds, pageSeconds, one: results[1], two: results[2], signedOk, stored: Number(stored!.total), mailsSent: Number(stored!.sent), rateLimitShared, consistent });
} finally {
  await sql.end();
  for (const worker of workers) await stopWorker(worker);
  for (const app of apps) await stopBenchServer(app);
  rmSync(outbox, { recursive: true, force: true });
  await cleanup();
}
