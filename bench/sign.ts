/**
 * Signing under a surge, on real PostgreSQL: starts the production server on a
 * fresh database with the demo petition, submits the sign form with autocannon
 * (a distinct person and client address per request, as on a viral day), checks
 * that every success is one stored row, then loads the petition page and its API.
 * Prints pgbench's single-row insert rate on the same server as the ceiling, and
 * how many signatures each commit held (group commit).
 * Usage: `DATABASE_URL=… npm run bench:sign [-- --seconds 15 --connections 50]`.
 */
import autocannon from "autocannon";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { signerEmail } from "./signers";
import { arg, freshDatabaseEnv, postForms, row, startBenchServer, stopBenchServer, writeResults } from "./support";

if (!process.env.DATABASE_URL) {
  console.error("bench:sign measures PostgreSQL: set DATABASE_URL.");
  process.exit(2);
}
const seconds = arg("seconds", 15);
const connections = arg("connections", 50);
const port = arg("port", 3457);
const pageSeconds = arg("page-seconds", 10);
const pgbenchSeconds = arg("pgbench-seconds", 10);
const SLUG = "stop-the-cybercrime-convention";
const base = `http://127.0.0.1:${port}`;

const { env, cleanup } = await freshDatabaseEnv();
// Mail is sent by separate workers in production; here the outbox only fills, so the figure is the web tier's.
// Signers write from a realistic mix of mail domains (bench/signers.ts), under the default flood limits.
const serverEnv = { ...env, MAIL_WORKER: "off", TRUST_PROXY: "loopback", DATABASE_POOL_SIZE: String(arg("pool", 10)) };
const server = await startBenchServer(port, serverEnv);
const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });

function pgbenchInsertsPerSecond(): number | null {
  const dir = mkdtempSync(join(tmpdir(), "tw-pgbench-"));
  const script = join(dir, "insert.sql");
  writeFileSync(script, "insert into bench_insert (email) values (md5(random()::text));\n");
  const url = new URL(env.DATABASE_URL!);
  const result = spawnSync("pgbench", ["-n", "-c", String(Math.min(connections, 16)), "-j", "2", "-T", String(pgbenchSeconds), "-f", script, "-h", url.hostname, "-p", url.port || "5432", "-U", url.username || "postgres", url.pathname.slice(1)], { encoding: "utf8" });
  const tps = /tps = ([\d.]+)/u.exec(result.stdout ?? "")?.[1];
  return tps ? Number(tps) : null;
}

try {
  execFileSync(process.execPath, ["--import", "tsx", "cli/seed.ts", "--demo"], { env: { ...process.env, ...serverEnv }, stdio: "ignore" });
  const page = await (await fetch(`${base}/en/petitions/${SLUG}`)).text();
  const formToken = /name="formToken" value="([^"]+)"/u.exec(page)?.[1];
  if (!formToken) throw new Error("no form token on the petition page");
  // A real person takes longer than the minimum fill time; so does this one.
  await new Promise((resolve) => setTimeout(resolve, 2100));

  const signing = await postForms(`${base}/en/petitions/${SLUG}`, connections, seconds, (n) => ({
    body: new URLSearchParams({ formToken, name: `Signer ${n}`, email: signerEmail(0, n), country: ["FRA", "DEU", "BRA", "NGA", "IND", "USA"][n % 6]!, comment: "", website: "" }),
  }));
  const redirected = signing.statusCodeStats?.["302"]?.count ?? 0;
  // Let requests still in flight when the clock stopped finish, then count rows and mails at one instant.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const [stored] = await sql<{ total: string; pending: string; mails: string }[]>`
    select count(*) as total, count(*) filter (where status = 'pending') as pending, (select count(*) from outgoing_mails) as mails from signatures`;
  // Rows one transaction wrote share its id (xmin): the sizes of the batches the process committed.
  const batchSizes = (await sql<{ rows: number }[]>`select count(*)::integer as rows from signatures group by xmin::text`).map((b) => b.rows).sort((a, b) => a - b);
  const batches = {
    count: batchSizes.length,
    mean: batchSizes.length === 0 ? 0 : batchSizes.reduce((sum, size) => sum + size, 0) / batchSizes.length,
    p50: batchSizes[Math.floor(batchSizes.length / 2)] ?? 0,
    max: batchSizes.at(-1) ?? 0,
  };

  const viewing = await autocannon({ url: `${base}/en/petitions/${SLUG}`, connections: 20, duration: pageSeconds, headers: { "accept-encoding": "gzip" } });
  const api = await autocannon({ url: `${base}/api/v1/petitions/${SLUG}`, connections: 20, duration: pageSeconds, headers: { "accept-encoding": "gzip" } });

  await sql`create table bench_insert (id bigint generated always as identity primary key, email text not null, created_at timestamptz not null default now())`;
  const ceiling = pgbenchInsertsPerSecond();

  console.log(`\nPostgreSQL, ${connections} connections, ${seconds} s of signing (one app process, database pool ${serverEnv.DATABASE_POOL_SIZE})\n`);
  console.log(row("", "req/s", "p50 ms", "p99 ms", "errors"));
  console.log(row("POST sign (302 = signed)", signing.requests.average.toFixed(0), signing.latency.p50, signing.latency.p99, signing.errors + signing.non2xx - redirected));
  console.log(row("GET petition page", viewing.requests.average.toFixed(0), viewing.latency.p50, viewing.latency.p99, viewing.errors + viewing.non2xx));
  console.log(row("GET /api/v1/petitions/:slug", api.requests.average.toFixed(0), api.latency.p50, api.latency.p99, api.errors + api.non2xx));
  console.log(row("pgbench single-row insert", ceiling === null ? "n/a" : ceiling.toFixed(0)));
  console.log(`\nsigned (302): ${redirected}; rows stored: ${stored!.total} (${stored!.pending} pending, the rest suspect); confirmation mails queued: ${stored!.mails}`);
  console.log(`signatures per commit (group commit, SIGN_BATCH_MAX): mean ${batches.mean.toFixed(1)}, p50 ${batches.p50}, max ${batches.max}, over ${batches.count} commits`);
  if (ceiling !== null) console.log(`signing ÷ pgbench's single-row inserts: ${(signing.requests.average / ceiling).toFixed(3)}`);
  // Requests still in flight when the clock stops are stored but not counted by autocannon: at most one per connection.
  const unanswered = Number(stored!.total) - redirected;
  const fig = (r: typeof signing) => ({ requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
  writeResults({
    connections,
    seconds,
    pool: Number(serverEnv.DATABASE_POOL_SIZE),
    sign: { ...fig(signing), signed: redirected, stored: Number(stored!.total), mails: Number(stored!.mails), batches },
    page: fig(viewing),
    api: fig(api),
    pgbenchInserts: ceiling,
    consistent: unanswered >= 0 && unanswered <= connections && Number(stored!.mails) === Number(stored!.pending),
  });
  if (unanswered < 0 || unanswered > connections || Number(stored!.mails) !== Number(stored!.pending)) {
    console.error("MISMATCH: every success must be exactly one row, and every pending row one mail");
    process.exitCode = 1;
  }
} finally {
  await sql.end();
  await stopBenchServer(server);
  await cleanup();
}
