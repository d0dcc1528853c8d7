/**
 * Exporting a million signatures, on real PostgreSQL: starts the production
 * server on a fresh database with the demo petition, adds `--rows` confirmed
 * signatures (default 1,000,000) with one SQL statement, signs an admin in,
 * downloads the export with emails (`POST /en/organize/petitions/:slug/signatures.csv`
 * with the session's CSRF token) as a spreadsheet user would, and prints rows/s and the server's peak memory
 * (VmHWM from /proc, the high-water mark of its resident set).
 * Usage: `DATABASE_URL=… npm run bench:export [-- --rows 1000000]`.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { organizerCookie } from "../app/web/organizer-session.server";
import { sessionHashOf } from "../app/modules/organizer/sign-in.service.server";
import { arg, freshDatabaseEnv, startBenchServer, stopBenchServer, writeResults } from "./support";

if (!process.env.DATABASE_URL) {
  console.error("bench:export measures PostgreSQL: set DATABASE_URL.");
  process.exit(2);
}
const rows = arg("rows", 1_000_000);
const port = arg("port", 3459);
const SLUG = "stop-the-cybercrime-convention";
const base = `http://127.0.0.1:${port}`;

/** The process's resident-set high-water mark and current size, in MB. */
function memoryOf(pid: number): { peakMb: number; nowMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`, "u").exec(status)?.[1] ?? NaN);
  return { peakMb: kb("VmHWM") / 1024, nowMb: kb("VmRSS") / 1024 };
}

const { env, cleanup } = await freshDatabaseEnv();
const serverEnv = { ...env, MAIL_WORKER: "off", PUBLIC_URL: base, NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? "" };
const server = await startBenchServer(port, serverEnv);
const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });

try {
  execFileSync(process.execPath, ["--import", "tsx", "cli/seed.ts", "--demo"], { env: { ...process.env, ...serverEnv }, stdio: "ignore" });
  const [petition] = await sql<{ id: number }[]>`select id from petitions where slug = ${SLUG}`;
  let started = Date.now();
  await sql`
    insert into signatures (petition_id, status, name, email, email_key, country_code, comment, mail_consent, language, referral_code, confirmed_at)
    select ${petition!.id}, 'confirmed', 'Signer ' || g, 'signer' || g || '@example.org', 'signer' || g || '@example.org',
           (array['FRA','DEU','BRA','NGA','IND','USA'])[1 + g % 6], case when g % 10 = 0 then 'Because it matters, ' || g end,
           g % 2 = 0, 'en', 'r' || lpad(g::text, 9, '0'), now()
    from generate_series(1, ${rows}) g`;
  await sql`analyze signatures`;
  console.log(`inserted ${rows.toLocaleString("en")} confirmed signatures in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // An admin with a live session, as the sign-in flow would leave one.
  const [admin] = await sql<{ id: number }[]>`insert into organizers (email, role) values ('bench-admin@example.org', 'admin') returning id`;
  const sessionValue = randomBytes(32).toString("base64url");
  await sql`insert into organizer_sessions (id_hash, organizer_id, created_at, expires_at) values (${sessionHashOf(sessionValue)}, ${admin!.id}, now(), now() + interval '1 hour')`;
  const cookie = (await organizerCookie(base, ["bench"]).serialize(sessionValue)).split(";")[0]!;

  // The export with emails is the organizers' home's form: a POST with the session's CSRF token.
  const home = await (await fetch(`${base}/en/organize`, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/u.exec(home)?.[1];
  if (!csrf) throw new Error("no CSRF token on the organizers' home");

  const before = memoryOf(server.pid!);
  started = Date.now();
  const response = await fetch(`${base}/en/organize/petitions/${SLUG}/signatures.csv`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf }),
  });
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
  let bytes = 0;
  let lines = 0;
  let firstByteMs: number | null = null;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value;
    firstByteMs ??= Date.now() - started;
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 0x0a) lines++;
  }
  const seconds = (Date.now() - started) / 1000;
  const after = memoryOf(server.pid!);
  const exported = lines - 1;
  console.log(`exported ${exported.toLocaleString("en")} rows (${(bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s: ${Math.round(exported / seconds).toLocaleString("en")} rows/s, first byte after ${firstByteMs} ms`);
  console.log(`server memory: ${before.nowMb.toFixed(0)} MB before, peak ${after.peakMb.toFixed(0)} MB (VmHWM), ${after.nowMb.toFixed(0)} MB after`);
  console.log(`goals: > 100,000 rows/s — ${exported / seconds > 100_000 ? "met" : "not met"}; peak RSS < 200 MB — ${after.peakMb < 200 ? "met" : "not met"}`);
  writeResults({ rows: exported, megabytes: bytes / 1e6, seconds, rowsPerSecond: exported / seconds, firstByteMs, rssBeforeMb: before.nowMb, rssPeakMb: after.peakMb });
  if (exported !== rows) throw new Error(`expected ${rows} rows, got ${exported}`);
} finally {
  await sql.end();
  await stopBenchServer(server);
  await cleanup();
}
