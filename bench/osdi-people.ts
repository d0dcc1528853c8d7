/**
 * Paging the OSDI people collection, on real PostgreSQL: starts the production server on a
 * fresh database with the demo petition, adds `--rows` confirmed signatures (default 1,000,000),
 * each its own person, with one SQL statement each, then reads `/api/osdi/v1/people` over HTTP
 * with per_page=1000, following `_links.next` as a syncing client does, and prints rows/s and
 * the server's resident memory along the way (flat is the goal: each page is a keyset query).
 * Usage: `DATABASE_URL=… npm run bench:osdi [-- --rows 1000000 --port 3931]`.
 */
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { apiKeyHash, newApiKey } from "../app/modules/api/api-keys.server";
import { arg, freshDatabaseEnv, startBenchServer, stopBenchServer, writeResults } from "./support";

if (!process.env.DATABASE_URL) {
  console.error("bench:osdi measures PostgreSQL: set DATABASE_URL.");
  process.exit(2);
}
const rows = arg("rows", 1_000_000);
const port = arg("port", 3931);
const perPage = 1000;
const SLUG = "stop-the-cybercrime-convention";
const base = `http://127.0.0.1:${port}`;

function rssMb(pid: number): { nowMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`, "u").exec(status)?.[1] ?? NaN);
  return { nowMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

const { env, cleanup } = await freshDatabaseEnv();
const serverEnv = { ...env, MAIL_WORKER: "off", PUBLIC_URL: base, API_REQUESTS_PER_MINUTE: "1000000" };
const server = await startBenchServer(port, serverEnv);
const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });

try {
  const { execFileSync } = await import("node:child_process");
  execFileSync(process.execPath, ["--import", "tsx", "cli/seed.ts", "--demo"], { env: { ...process.env, ...serverEnv }, stdio: "ignore" });
  const [petition] = await sql<{ id: number }[]>`select id from petitions where slug = ${SLUG}`;
  let started = Date.now();
  await sql`
    insert into signatures (petition_id, status, name, email, email_key, country_code, mail_consent, language, referral_code, confirmed_at)
    select ${petition!.id}, 'confirmed', 'Signer ' || g || ' Example', 'signer' || g || '@example.org', 'signer' || g || '@example.org',
           (array['FRA','DEU','BRA','NGA','IND','USA'])[1 + g % 6], g % 2 = 0, 'en', 'r' || lpad(g::text, 9, '0'), now() - interval '1 minute'
    from generate_series(1, ${rows}) g`;
  await sql`insert into people (email_key, created_at) select email_key, confirmed_at from signatures where status = 'confirmed' on conflict do nothing`;
  await sql`analyze signatures`;
  await sql`analyze people`;
  console.log(`inserted ${rows.toLocaleString("en")} confirmed signatures and people in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const key = newApiKey();
  await sql`insert into api_keys (label, key_hash, key_hint, scopes, created_by) values ('bench', ${apiKeyHash(key)}, ${key.slice(-4)}, ${sql.array(["read:people"])}::text[], 'bench')`;

  const before = rssMb(server.pid!);
  console.log(`server RSS before: ${before.nowMb.toFixed(0)} MB`);
  started = Date.now();
  let url: string | null = `${base}/api/osdi/v1/people?per_page=${perPage}&filter=${encodeURIComponent("modified_date gt '2000-01-01T00:00:00Z'")}`;
  let listed = 0;
  let pages = 0;
  let firstPageMs = 0;
  let slowestPageMs = 0;
  const seen = new Set<string>();
  const rssSamples: number[] = [];
  while (url) {
    const pageStart = Date.now();
    const response: Response = await fetch(url, { headers: { "OSDI-API-Token": key } });
    if (!response.ok) throw new Error(`page ${pages + 1} answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { _embedded: { "osdi:people": { identifiers: string[] }[] }; _links: { next?: { href: string } } };
    const took = Date.now() - pageStart;
    if (pages === 0) firstPageMs = took;
    else slowestPageMs = Math.max(slowestPageMs, took);
    for (const person of page._embedded["osdi:people"]) seen.add(person.identifiers[0]!);
    listed += page._embedded["osdi:people"].length;
    pages++;
    url = page._links.next?.href ?? null;
    if (pages % 100 === 0 || !url) {
      const seconds = (Date.now() - started) / 1000;
      const rss = rssMb(server.pid!).nowMb;
      rssSamples.push(rss);
      console.log(`${pages} pages, ${listed.toLocaleString("en")} people in ${seconds.toFixed(1)} s: ${Math.round(listed / seconds).toLocaleString("en")} rows/s, server RSS ${rss.toFixed(0)} MB`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const after = rssMb(server.pid!);
  const rate = listed / seconds;
  console.log(`listed ${listed.toLocaleString("en")} people (${seen.size.toLocaleString("en")} distinct) in ${pages} pages, ${seconds.toFixed(1)} s: ${Math.round(rate).toLocaleString("en")} rows/s`);
  console.log(`first page (counts the total) ${firstPageMs} ms, slowest later page ${slowestPageMs} ms`);
  console.log(`server RSS: ${before.nowMb.toFixed(0)} MB before, ${Math.min(...rssSamples).toFixed(0)}–${Math.max(...rssSamples).toFixed(0)} MB while paging, peak ${after.peakMb.toFixed(0)} MB (VmHWM)`);
  console.log(`goal ≥ 20,000 rows/s — ${rate >= 20_000 ? "met" : "not met"}`);
  writeResults({ rows: listed, distinct: seen.size, pages, seconds, rowsPerSecond: rate, firstPageMs, slowestPageMs, rssBeforeMb: before.nowMb, rssSamplesMb: rssSamples, rssPeakMb: after.peakMb });
  if (listed !== rows || seen.size !== rows) throw new Error(`expected ${rows} distinct people, got ${listed} (${seen.size} distinct)`);
} finally {
  await sql.end();
  await stopBenchServer(server);
  await cleanup();
}
