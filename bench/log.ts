/**
 * The signature log's costs (docs/benchmarks-log.md), against PostgreSQL (DATABASE_URL: a database
 * `tw_c_log_<random>` is made beside it and dropped) or, without it, PGlite in a temporary folder:
 *
 * 1. Signing. (a) With `--base <checkout of the commit before the log>`: `bench:sign` there and here,
 *    alternately `--sign-runs` times each, medians (the sign request writes a pending signature and
 *    does not touch the log, so this shows whether anything else moved). (b) Confirmations per second
 *    through `confirmSignature` (bench/log-confirm.ts), here (queuing a log entry in the count
 *    statement) and, with `--base`, there (no log); then the append job's drain of what was queued.
 * 2. A checkpoint over `--entries` entries: queued straight into `petition_log_queue` (random
 *    commitments and secrets), then `appendPetitionLog` and `publishCheckpoint` timed, with the RSS and
 *    heap sampled every 100 ms (peak by the 10th of the entries and at the end); then the verifier
 *    (`npm run verify`) rebuilding the whole log from a production server's endpoints, its peak RSS.
 * 3. Proofs over that log: autocannon on the inclusion and consistency endpoints with random indexes,
 *    and the service calls' own times over `--proof-calls` calls.
 *
 * Usage: `[DATABASE_URL=…] npm run bench:log [-- --entries 1000000 --confirmations 20000 --in-flight 64
 * --base /path/to/checkout --sign-runs 3 --proof-seconds 10 --only sign,confirm,checkpoint]`.
 */
import autocannon from "autocannon";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { sql } from "kysely";
import { generateLogSigningKey } from "../app/modules/transparency/checkpoint.server";
import { publishCheckpoint } from "../app/modules/transparency/checkpoint-publisher.server";
import { appendPetitionLog } from "../app/modules/transparency/log-append.server";
import { consistencyProofOf, inclusionProofOf, publicLog } from "../app/modules/transparency/log-read.service.server";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDatabase } from "../db/seed";
import { seedDemoContent } from "../server/demo-content";
import { arg, machineFacts, row, startBenchServer, stopBenchServer, writeResults } from "./support";

const SLUG = "stop-the-cybercrime-convention";
const COUNTRIES = ["FRA", "DEU", "BRA", "NGA", "IND", "USA", "KEN", "EUU"];
const entries = arg("entries", 1_000_000);
const confirmations = arg("confirmations", 20_000);
const inFlight = arg("in-flight", 64);
const signRuns = arg("sign-runs", 3);
const proofSeconds = arg("proof-seconds", 10);
const proofCalls = arg("proof-calls", 1000);
const port = arg("port", 3810);
const baseIndex = process.argv.indexOf("--base");
const base = baseIndex > 0 ? process.argv[baseIndex + 1]! : null;
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1]!.split(",")) : null;
const runs = (part: string) => !only || only.has(part);
const serverUrl = process.env.DATABASE_URL || undefined;

/** A fresh database of its own: `tw_c_log_<random>` beside DATABASE_URL, or a PGlite folder. */
async function freshDatabase(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (!serverUrl) {
    const folder = mkdtempSync(join(tmpdir(), "tw-bench-log-"));
    return { env: { PGLITE_DIR: join(folder, "pglite"), DATABASE_URL: "" }, cleanup: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `tw_c_log_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    cleanup: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const mb = (bytes: number) => bytes / 2 ** 20;
const results: Record<string, unknown> = { machine: await machineFacts(serverUrl), database: serverUrl ? "postgres" : "pglite" };

// 1a. bench:sign before the log and now, alternately.
if (runs("sign") && base && serverUrl) {
  const folder = mkdtempSync(join(tmpdir(), "tw-bench-log-sign-"));
  const figures: Record<"base" | "head", number[]> = { base: [], head: [] };
  const p99s: Record<"base" | "head", number[]> = { base: [], head: [] };
  for (let i = 0; i < signRuns; i++) {
    for (const side of ["base", "head"] as const) {
      const json = join(folder, `${side}-${i}.json`);
      const cwd = side === "base" ? base : process.cwd();
      const args = ["--import", "tsx", "bench/sign.ts", "--seconds", String(arg("sign-seconds", 10)), "--page-seconds", "2", "--pgbench-seconds", "2", "--port", String(port + 1), "--json", json];
      const run = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "inherit"], env: process.env });
      if (run.status !== 0) throw new Error(`bench:sign (${side}) exited with ${run.status}`);
      const result = JSON.parse(readFileSync(json, "utf8")) as { sign: { requestsPerSecond: number; p99: number } };
      figures[side].push(result.sign.requestsPerSecond);
      p99s[side].push(result.sign.p99);
      console.log(`bench:sign ${side} run ${i + 1}: ${result.sign.requestsPerSecond.toFixed(0)} signatures/s, p99 ${result.sign.p99} ms`);
    }
  }
  rmSync(folder, { recursive: true, force: true });
  const ratio = median(figures.head) / median(figures.base);
  results.sign = { runs: figures, p99: p99s, baseMedian: median(figures.base), headMedian: median(figures.head), ratio };
  console.log(`\nbench:sign median: before the log ${median(figures.base).toFixed(0)}/s, now ${median(figures.head).toFixed(0)}/s: ${(ratio * 100).toFixed(1)} % (goal ≥ 90 %)\n`);
}

// 1b. confirmations with and without the log queue, and the drain.
if (runs("confirm")) {
  const confirmRun = async (cwd: string, script: string, drain: boolean) => {
    const db = await freshDatabase();
    try {
      const args = ["--import", "tsx", script, "--signatures", String(confirmations), "--in-flight", String(inFlight), ...(drain ? ["--drain"] : [])];
      const run = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, ...db.env }, stdio: ["ignore", "pipe", "inherit"] });
      if (run.status !== 0) throw new Error(`log-confirm in ${cwd} exited with ${run.status}`);
      return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { perSecond: number; p50: number; p99: number; seconds: number; drained: { entries: number; seconds: number; perSecond: number } | null };
    } finally {
      await db.cleanup();
    }
  };
  const head = await confirmRun(process.cwd(), "bench/log-confirm.ts", true);
  let before: Awaited<ReturnType<typeof confirmRun>> | null = null;
  if (base) {
    // The same script in the checkout before the log (it uses nothing the log added), removed after.
    const copy = join(base, "bench", "log-confirm.ts");
    copyFileSync(join(process.cwd(), "bench", "log-confirm.ts"), copy);
    try {
      before = await confirmRun(base, "bench/log-confirm.ts", false);
    } finally {
      rmSync(copy, { force: true });
    }
  }
  results.confirm = { head, before, ratio: before ? head.perSecond / before.perSecond : null };
  console.log(`confirmSignature, ${confirmations} signatures, ${inFlight} in flight\n`);
  console.log(row("", "conf/s", "p50 ms", "p99 ms"));
  if (before) console.log(row("before the log (no queue)", before.perSecond.toFixed(0), before.p50.toFixed(1), before.p99.toFixed(1)));
  console.log(row("with the log queue", head.perSecond.toFixed(0), head.p50.toFixed(1), head.p99.toFixed(1)));
  if (before) console.log(`with ÷ without: ${((head.perSecond / before.perSecond) * 100).toFixed(1)} %`);
  console.log(`append job: ${head.drained!.entries} entries in ${head.drained!.seconds.toFixed(2)} s = ${head.drained!.perSecond.toFixed(0)} entries/s\n`);
}

/** RSS and heap every 100 ms; `mark()` notes the peaks so far. */
function memorySampler() {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    peaks: () => (sample(), { rssMb: mb(rss), heapMb: mb(heap) }),
    stop: () => clearInterval(timer),
  };
}

/** The peak resident memory of a command (GNU time's maximum resident set size), its time and output. */
function timedCommand(command: string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; peakRssMb: number; code: number; out: string }> {
  return new Promise((resolve) => {
    const began = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "maxrss-kb %M", ...command], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) => {
      const kb = Number(/maxrss-kb (\d+)/u.exec(err)?.[1] ?? NaN);
      resolve({ seconds: (performance.now() - began) / 1000, peakRssMb: kb / 1024, code: code ?? 1, out: out + err.replace(/maxrss-kb \d+\n?/u, "") });
    });
  });
}

// 2 and 3. A checkpoint over `entries`, the verifier, proofs.
if (runs("checkpoint")) {
  const db = await freshDatabase();
  const { key, pem } = generateLogSigningKey();
  const site = `http://127.0.0.1:${port}`;
  const handle = await openDatabase({ databaseUrl: db.env.DATABASE_URL || undefined, pgliteDir: db.env.PGLITE_DIR, poolSize: 10 });
  let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
  try {
    await migrateToLatest(handle.db);
    await seedDatabase(handle.db);
    await seedDemoContent(handle.db);
    const petition = await handle.db.selectFrom("petitions").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const countries = sql.join(COUNTRIES.map((c) => sql.lit(c)));
    const queueStart = performance.now();
    // Adds already queued: random 32-byte commitments and secrets (two md5s of random() each); the
    // signature ids need not exist. In chunks, so PGlite's single process is not asked for all at once.
    for (let from = 1; from <= entries; from += 100_000) {
      const to = Math.min(entries, from + 99_999);
      await sql`
        insert into petition_log_queue (petition_id, signature_id, kind, country_code, day, commitment, secret)
        select ${petition.id}, g, 'add', (array[${countries}])[1 + g % ${COUNTRIES.length}], date '2026-12-01' + (g % 5)::integer,
               decode(md5(random()::text) || md5(random()::text), 'hex'), decode(md5(random()::text) || md5(random()::text), 'hex')
        from generate_series(${from}::bigint, ${to}::bigint) g order by g
      `.execute(handle.db);
    }
    const queueSeconds = (performance.now() - queueStart) / 1000;
    console.log(`queued ${entries.toLocaleString("en")} adds in ${queueSeconds.toFixed(1)} s`);

    const tenth = Math.floor(entries / 10);
    let appended = 0;
    let atTenth: { rssMb: number; heapMb: number; seconds: number } | null = null;
    const memory = memorySampler();
    const startMemory = memory.peaks();
    const appendStart = performance.now();
    const appendedCount = await appendPetitionLog(handle.db, petition.id, {
      wait: true,
      onAppended: async (_trx, adds) => {
        appended += adds.length;
        if (!atTenth && appended >= tenth) atTenth = { ...memory.peaks(), seconds: (performance.now() - appendStart) / 1000 };
      },
    });
    const appendSeconds = (performance.now() - appendStart) / 1000;
    const publishStart = performance.now();
    const checkpoint = await publishCheckpoint(handle.db, petition.id, { key, siteOrigin: site });
    const publishSeconds = (performance.now() - publishStart) / 1000;
    const atEnd = memory.peaks();
    memory.stop();
    if (!checkpoint || checkpoint.size !== entries || appendedCount !== entries) throw new Error(`checkpoint at size ${checkpoint?.size}, ${appendedCount} appended, ${entries} queued`);
    const tenthPeaks = atTenth as { rssMb: number; heapMb: number; seconds: number } | null;
    results.checkpoint = {
      entries,
      queueSeconds,
      appendSeconds,
      appendPerSecond: entries / appendSeconds,
      publishSeconds,
      totalSeconds: appendSeconds + publishSeconds,
      memory: { start: startMemory, atTenth: tenthPeaks, atEnd },
      rootHash: checkpoint.rootHash,
    };
    console.log(`\nCheckpoint over ${entries.toLocaleString("en")} entries (${handle.kind})\n`);
    console.log(row("appendPetitionLog", `${appendSeconds.toFixed(1)} s`, `${(entries / appendSeconds).toFixed(0)}/s`));
    console.log(row("publishCheckpoint (root, signature)", `${publishSeconds.toFixed(2)} s`));
    console.log(row("together (goal < 30 s)", `${(appendSeconds + publishSeconds).toFixed(1)} s`));
    console.log(row("", "RSS MB", "heap MB"));
    console.log(row("before appending", startMemory.rssMb.toFixed(0), startMemory.heapMb.toFixed(0)));
    if (tenthPeaks) console.log(row(`peak by ${tenth.toLocaleString("en")} entries`, tenthPeaks.rssMb.toFixed(0), tenthPeaks.heapMb.toFixed(0)));
    console.log(row(`peak by ${entries.toLocaleString("en")} (and checkpoint)`, atEnd.rssMb.toFixed(0), atEnd.heapMb.toFixed(0)));

    // 3. The proof service's own time, in this process.
    const log = (await publicLog(handle.db, SLUG, site))!;
    const time = async (call: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < proofCalls; i++) {
        const start = performance.now();
        const answer = (await call()) as { ok: boolean };
        times.push(performance.now() - start);
        if (!answer.ok) throw new Error("a proof was refused");
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), mean: times.reduce((s, t) => s + t, 0) / times.length };
    };
    const random = (below: number) => Math.floor(Math.random() * below);
    const inclusionCall = await time(() => inclusionProofOf(handle.db, log, random(entries), entries));
    const consistencyCall = await time(() => consistencyProofOf(handle.db, log, 1 + random(entries), entries));

    // The server needs the database to itself when it is PGlite (one process per folder).
    await handle.close();
    server = await startBenchServer(port, { ...db.env, SESSION_SECRET: "bench", PUBLIC_URL: site, LOG_SIGNING_KEY: pem.replace(/\n/gu, "\\n"), MAIL_WORKER: "off" });

    const verify = await timedCommand([process.execPath, "--import", "tsx", "cli/verify.ts", `${site}/petitions/${SLUG}`], process.env);
    const verified = /verified: (\d+) signatures at tree size (\d+)/u.exec(verify.out);
    if (verify.code !== 0 || !verified || Number(verified[2]) !== entries) throw new Error(`the verifier did not verify the log:\n${verify.out.slice(-2000)}`);
    results.verify = { seconds: verify.seconds, peakRssMb: verify.peakRssMb, entriesPerSecond: entries / verify.seconds, total: Number(verified[1]) };
    console.log(`\nnpm run verify over HTTP: ${verify.seconds.toFixed(1)} s (${(entries / verify.seconds).toFixed(0)} entries/s), peak RSS ${verify.peakRssMb.toFixed(0)} MB: ${verified[0]}`);

    const load = (path: (n: number) => string, connections = 20) =>
      autocannon({
        url: site,
        connections,
        duration: proofSeconds,
        requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: path(0) }) }],
      });
    const inclusionHttp = await load(() => `/api/v1/petitions/${SLUG}/log/proof/inclusion?index=${random(entries)}&size=${entries}`);
    const consistencyHttp = await load(() => `/api/v1/petitions/${SLUG}/log/proof/consistency?from=${1 + random(entries)}&to=${entries}`);
    // How long one proof takes to answer, with nothing queued before it: what a verifier waits.
    const inclusionOneClient = await load(() => `/api/v1/petitions/${SLUG}/log/proof/inclusion?index=${random(entries)}&size=${entries}`, 1);
    const fig = (r: autocannon.Result) => ({ requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
    results.proofs = { inclusion: { http: fig(inclusionHttp), oneClient: fig(inclusionOneClient), call: inclusionCall }, consistency: { http: fig(consistencyHttp), call: consistencyCall }, calls: proofCalls, seconds: proofSeconds };
    console.log(`\nProofs over ${entries.toLocaleString("en")} entries (HTTP: 20 connections, ${proofSeconds} s, a random index each request)\n`);
    console.log(row("", "req/s", "p50 ms", "p99 ms", "errors"));
    console.log(row("GET …/log/proof/inclusion", inclusionHttp.requests.average.toFixed(0), inclusionHttp.latency.p50, inclusionHttp.latency.p99, inclusionHttp.errors + inclusionHttp.non2xx));
    console.log(row("GET …/log/proof/consistency", consistencyHttp.requests.average.toFixed(0), consistencyHttp.latency.p50, consistencyHttp.latency.p99, consistencyHttp.errors + consistencyHttp.non2xx));
    console.log(row("GET …/log/proof/inclusion, 1 client", inclusionOneClient.requests.average.toFixed(0), inclusionOneClient.latency.p50, inclusionOneClient.latency.p99, inclusionOneClient.errors + inclusionOneClient.non2xx));
    console.log(row(`inclusionProofOf (${proofCalls} calls)`, "", inclusionCall.p50.toFixed(2), inclusionCall.p99.toFixed(2)));
    console.log(row(`consistencyProofOf (${proofCalls} calls)`, "", consistencyCall.p50.toFixed(2), consistencyCall.p99.toFixed(2)));
  } finally {
    if (server) await stopBenchServer(server);
    else await handle.close().catch(() => {});
    await db.cleanup();
  }
}

results.loadAverageAtEnd = (await machineFacts(undefined)).loadAverage;
writeResults(results);
