import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { openDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";
import { seedDemoContent } from "../../server/demo-content";
import { MAIL_WORKER_ENTRY, productionCommand, WEB_SERVER_ENTRY } from "../../server/build";
import { freePort } from "../support/processes";

export const SESSION_SECRET = "chaos-secret";
export const DEMO_SLUG = "stop-the-cybercrime-convention";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { freePort };

/** A database URL on the same server as `serverUrl`, with another database name. */
export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new database on `serverUrl`, migrated (and seeded, with the demo petition, unless `seed` is false); dropped by `drop`. */
export async function freshDatabase(serverUrl: string, { seed = true }: { seed?: boolean } = {}) {
  const name = `tw_chaos_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    if (seed) {
      await seedDatabase(handle.db);
      await seedDemoContent(handle.db);
    }
  } finally {
    await handle.close();
  }
  return {
    url,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export interface AppProcess {
  child: ChildProcess;
  base: string;
  output(): string;
}

/** The production server (`npm start`: the compiled `server/start.ts`) as one node process. */
export function spawnApp(port: number, env: Record<string, string>): AppProcess {
  let output = "";
  const [node, args] = productionCommand(WEB_SERVER_ENTRY);
  const child = spawn(node, args, {
    env: { ...process.env, PORT: String(port), PUBLIC_URL: "", LOG_REQUESTS: "0", NODE_ENV: "production", SESSION_SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return { child, base: `http://127.0.0.1:${port}`, output: () => output };
}

/** A mail worker process (`npm run worker`: the compiled `server/worker.ts`). */
export function spawnWorker(env: Record<string, string>): ChildProcess {
  const [node, args] = productionCommand(MAIL_WORKER_ENTRY);
  return spawn(node, args, {
    env: { ...process.env, SESSION_SECRET, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
}

/** Resolves when `/readyz` answers 200; the time it took in ms. */
export async function waitReady(app: AppProcess, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (app.child.exitCode !== null) throw new Error(`The app exited (${app.child.exitCode}) before it was ready:\n${app.output()}`);
    try {
      if ((await fetch(`${app.base}/readyz`, { signal: AbortSignal.timeout(5000) })).status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`The app was not ready within ${timeoutMs} ms:\n${app.output()}`);
    await sleep(100);
  }
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill(signal);
  await done;
}

/** The sign form's token, fetched once and aged past the minimum fill time, as a person would. */
export async function agedFormToken(base: string): Promise<string> {
  const html = await (await fetch(`${base}/en/petitions/${DEMO_SLUG}`)).text();
  const token = /name="formToken" value="([^"]+)"/u.exec(html)?.[1];
  if (!token) throw new Error("No form token on the petition page");
  await sleep(2100);
  return token;
}

export type Outcome = "ok" | "unavailable" | "refused" | "other";

export interface Attempt {
  kind: string;
  key: string;
  outcome: Outcome;
  status: number | null;
  ms: number;
  at: number;
  error?: string;
  /** The page of a failed attempt. */
  body?: string;
}

/** One HTTP attempt: what came back and how long it took; a request taking longer than `timeoutMs` counts as hung. */
export async function attempt(kind: string, key: string, okStatuses: number[], run: (signal: AbortSignal) => Promise<Response>, timeoutMs = 15_000): Promise<Attempt> {
  const at = Date.now();
  try {
    const response = await run(AbortSignal.timeout(timeoutMs));
    const body = await response.text();
    const outcome: Outcome = okStatuses.includes(response.status) ? "ok" : response.status === 503 ? "unavailable" : "other";
    const retryAfter = response.headers.get("retry-after");
    return {
      kind,
      key,
      outcome,
      status: response.status,
      ms: Date.now() - at,
      at,
      error: outcome === "unavailable" && !retryAfter ? "503 without Retry-After" : undefined,
      body: outcome === "ok" ? undefined : body.slice(0, 20_000),
    };
  } catch (error) {
    const name = (error as Error).name;
    const timedOut = name === "TimeoutError" || name === "AbortError";
    return { kind, key, outcome: timedOut ? "other" : "refused", status: null, ms: Date.now() - at, at, error: timedOut ? "hung" : String((error as Error).cause ?? error) };
  }
}

let signer = 0;

/** Submits the demo petition's sign form as a new person from a new address (TRUST_PROXY=loopback). */
export function sign(base: string, formToken: string, run = randomBytes(3).toString("hex")): Promise<Attempt> {
  const n = ++signer;
  const email = `chaos-${run}-${n}@example.org`;
  const body = new URLSearchParams({ formToken, name: `Signer ${n}`, email, country: ["FRA", "DEU", "BRA", "NGA", "IND", "USA"][n % 6]!, comment: "", website: "", ref: "" });
  return attempt("sign", email, [302, 303], (signal) =>
    fetch(`${base}/en/petitions/${DEMO_SLUG}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
      redirect: "manual",
      signal,
    }),
  );
}

/** Runs `clients` loops of `step` until stopped; every attempt is kept. */
export function startLoad(clients: number, step: (client: number) => Promise<Attempt>) {
  const attempts: Attempt[] = [];
  let stopping = false;
  const loops = Array.from({ length: clients }, async (_, client) => {
    while (!stopping) {
      const result = await step(client);
      attempts.push(result);
      // A refused connection comes back at once: do not spin.
      if (result.outcome !== "ok") await sleep(50);
    }
  });
  return {
    attempts,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
      return attempts;
    },
  };
}

export function tally(attempts: Attempt[]) {
  const by = (outcome: Outcome) => attempts.filter((a) => a.outcome === outcome).length;
  return { total: attempts.length, ok: by("ok"), unavailable: by("unavailable"), refused: by("refused"), other: by("other") };
}

/** The invariants between signatures, their outbox rows and the counters, as SQL; each query lists offenders. */
export async function signatureInvariants(sql: postgres.Sql) {
  const pendingWithoutMail = await sql`
    select s.id from signatures s
    where s.status = 'pending'
      and not exists (select 1 from outgoing_mails m where m.idempotency_key = 'signature-confirm:' || s.id || ':1')`;
  const mailWithoutSignature = await sql`
    select m.id from outgoing_mails m
    where m.template = 'signature-confirm'
      and not exists (select 1 from signatures s where s.id::text = m.template_data->>'signatureId')`;
  const suspectWithMail = await sql`
    select s.id from signatures s join outgoing_mails m on m.idempotency_key = 'signature-confirm:' || s.id || ':1'
    where s.status = 'suspect'`;
  // Counters: what is folded plus what waits to be folded equals the confirmed rows, per petition and per country.
  const petitionCounts = await sql`
    select p.id, coalesce(c.confirmed, 0) + coalesce((select sum(delta) from signature_count_changes x where x.petition_id = p.id), 0) as counted,
      (select count(*) from signatures s where s.petition_id = p.id and s.status = 'confirmed') as confirmed
    from petitions p left join petition_counts c on c.petition_id = p.id`;
  const countryCounts = await sql`
    select k.petition_id, k.country_code,
      coalesce((select confirmed from petition_country_counts c where c.petition_id = k.petition_id and c.country_code = k.country_code), 0)
      + coalesce((select sum(delta) from signature_count_changes x where x.petition_id = k.petition_id and x.country_code = k.country_code), 0) as counted,
      (select count(*) from signatures s where s.petition_id = k.petition_id and s.country_code = k.country_code and s.status = 'confirmed') as confirmed
    from (select petition_id, country_code from signatures union select petition_id, country_code from petition_country_counts) k`;
  // The demo content may hold counts of its own: what matters is that the difference never moves.
  const drift = new Map<string, number>();
  for (const r of petitionCounts) drift.set(`petition ${r.id}`, Number(r.counted) - Number(r.confirmed));
  for (const r of countryCounts) drift.set(`petition ${r.petition_id} ${r.country_code}`, Number(r.counted) - Number(r.confirmed));
  return {
    pendingWithoutMail: pendingWithoutMail.length,
    mailWithoutSignature: mailWithoutSignature.length,
    suspectWithMail: suspectWithMail.length,
    drift,
  };
}

/** Counters whose difference to the confirmed rows changed between two readings. */
export function driftChanges(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([key, value]) => (before.get(key) ?? 0) !== value).map(([key, value]) => `${key}: ${before.get(key) ?? 0} -> ${value}`);
}

/** The emails of acknowledged requests that have no row. */
export async function missingSignatures(sql: postgres.Sql, emails: string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await sql<{ email: string }[]>`select email from signatures where email in ${sql(emails)}`;
  const stored = new Set(rows.map((r) => r.email));
  return emails.filter((e) => !stored.has(e));
}

/** The PostgreSQL server binaries of this machine, newest first, if any. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "pg_ctl")) && existsSync(join(root, v, "bin", "initdb")));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, a free
 * port, trust auth), so it can be stopped and started without touching the
 * machine's server. initdb refuses root: as root, it runs as `postgres`.
 */
export async function startPrivateCluster(binDir: string) {
  const folder = mkdtempSync(join(tmpdir(), "tw-chaos-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(folder, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? "runuser" : join(binDir, tool);
    const fullArgs = asRoot ? ["-u", "postgres", "--", join(binDir, tool), ...args] : args;
    execFileSync(command, fullArgs, { stdio: ["ignore", "ignore", "pipe"] });
  };
  const data = join(folder, "data");
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=50`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", join(folder, "log"), "-w", "start"]);
  /** `immediate` is a crash as far as clients are concerned: every connection drops at once, recovery on the next start. */
  const stop = (mode: "fast" | "immediate" = "immediate") => run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: () => {
      try {
        stop("immediate");
      } catch {
        // already stopped
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface Receipt {
  messageId: string;
  at: number;
}

/**
 * A real SMTP server (smtp-server) on a fixed port that can go down and come
 * back: `stop` refuses new connections and drops open ones at once (421, as a
 * server going away does), `start` listens again on the same port. Every
 * message it accepts is recorded with its Message-ID and the time of the 250.
 */
export async function startOutageSmtp(options: { delayMs?: number } = {}) {
  const receipts: Receipt[] = [];
  const port = await freePort();
  let server: SMTPServer | null = null;
  const start = async () => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      closeTimeout: 1,
      onMailFrom(_address, _session, callback) {
        // A slower server keeps more mail in flight, where faults hurt.
        if (options.delayMs) setTimeout(() => callback(), options.delayMs);
        else callback();
      },
      onData(stream, _session, callback) {
        let head = "";
        stream.on("data", (chunk: Buffer) => {
          if (head.length < 4096) head += chunk.toString("utf8");
        });
        stream.on("end", () => {
          const messageId = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
          if (messageId) receipts.push({ messageId, at: Date.now() });
          callback();
        });
      },
    });
    // Clients cut off by a stop or a killed worker reset their connections: expected here.
    smtp.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      smtp.server.once("error", reject);
      smtp.listen(port, "127.0.0.1", () => resolve());
    });
    server = smtp;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const smtp = server;
      server = null;
      if (!smtp) return resolve();
      smtp.close(() => resolve());
    });
  await start();
  return { url: `smtp://127.0.0.1:${port}`, receipts, start, stop };
}

/** Queues `count` mails (template `test`) straight into the outbox, as services do in their transactions. */
export async function queueMails(sql: postgres.Sql, from: number, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => ({
    recipient: `reader${from + i}@example.org`,
    template: "test",
    template_data: sql.json({}),
    language: ["en", "fr", "es", "ar", "ru", "zh"][(from + i) % 6]!,
    idempotency_key: `chaos:${from + i}`,
  }));
  await sql`insert into outgoing_mails ${sql(rows)}`;
}

export async function mailStatuses(sql: postgres.Sql): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: string }[]>`select status, count(*) as n from outgoing_mails group by status`;
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Waits until every outbox row is sent (or the time is up); the statuses at the end. */
export async function waitAllSent(sql: postgres.Sql, total: number, timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let statuses = await mailStatuses(sql);
  while ((statuses.sent ?? 0) < total && Date.now() < deadline) {
    await sleep(200);
    statuses = await mailStatuses(sql);
  }
  return statuses;
}

/** Message-IDs the SMTP server accepted more than once, with the times of each copy. */
export function duplicates(receipts: Receipt[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  for (const r of receipts) seen.set(r.messageId, [...(seen.get(r.messageId) ?? []), r.at]);
  return new Map([...seen].filter(([, times]) => times.length > 1));
}
