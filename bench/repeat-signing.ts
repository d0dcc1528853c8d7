/**
 * Does the time of a sign POST tell whether the address had signed before?
 * Starts the production server on a fresh database (PGlite without
 * DATABASE_URL, PostgreSQL with it), signs `--pairs` addresses once, then
 * measures pairs of requests one after the other on one connection: a first
 * signature of a new address, then a signature of an address that already
 * signed (spelled differently, as a stranger would type it). Prints the
 * medians and 90th percentiles of both and their difference; the run-to-run
 * noise is the same figures for two halves of the first signatures.
 * Usage: `[DATABASE_URL=…] npx tsx bench/repeat-signing.ts [-- --pairs 200]`.
 */
import { arg, freshDatabaseEnv, row, seedDemo, startBenchServer, stopBenchServer, writeResults } from "./support";

const pairs = arg("pairs", 200);
const warmup = arg("warmup", 50);
const port = arg("port", 3461);
const SLUG = "stop-the-cybercrime-convention";
const base = `http://127.0.0.1:${port}`;

const { env, cleanup } = await freshDatabaseEnv();
// No mail is sent during the run (an outbox that only fills); no limit makes a signature suspect.
const serverEnv = {
  ...env,
  MAIL_WORKER: "off",
  TRUST_PROXY: "loopback",
  SIGN_MIN_FILL_SECONDS: "0",
  SIGN_RATE_PER_MINUTE: "1000000",
  SIGN_RATE_PER_HOUR: "1000000",
  SIGN_RATE_PER_DOMAIN_PER_HOUR: "1000000",
  SURGE_THRESHOLD_RPS: "0",
};
const server = await startBenchServer(port, serverEnv);

let client = 0;
async function sign(email: string, token: string): Promise<{ ms: number; status: number; location: string }> {
  client++;
  const body = new URLSearchParams({ formToken: token, name: "Ann Lee", email, country: "FRA", comment: "", website: "" });
  const started = performance.now();
  const response = await fetch(`${base}/en/petitions/${SLUG}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.9.${(client >> 8) & 255}.${client & 255}` },
  });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, location: response.headers.get("location") ?? "" };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const fixed = (n: number) => n.toFixed(2);

try {
  if (env.DATABASE_URL) seedDemo(serverEnv);
  const page = await (await fetch(`${base}/en/petitions/${SLUG}`)).text();
  const token = /name="formToken" value="([^"]+)"/u.exec(page)?.[1];
  if (!token) throw new Error("no form token on the petition page");

  const address = (kind: string, i: number) => `${kind}${i}@example.org`;
  // The addresses that will sign again, and the warm-up (route code, prepared statements, caches).
  for (let i = 0; i < pairs + warmup; i++) await sign(address("earlier", i), token);
  for (let i = 0; i < warmup; i++) {
    await sign(address("warm", i), token);
    await sign(address("EARLIER", pairs + i), token);
  }

  const first: number[] = [];
  const repeat: number[] = [];
  const shapes = new Set<string>();
  for (let i = 0; i < pairs; i++) {
    // Alternating, so drift over the run (autovacuum, the counting job) falls on both alike.
    const a = await sign(address("new", i), token);
    const b = await sign(` Earlier${i}+again@EXAMPLE.org `, token);
    first.push(a.ms);
    repeat.push(b.ms);
    for (const r of [a, b]) shapes.add(`${r.status} ${r.location.replace(/ref=[\w-]+/u, "ref=…")}`);
  }
  const halves = [first.filter((_, i) => i % 2 === 0), first.filter((_, i) => i % 2 === 1)];
  const results = {
    database: env.DATABASE_URL ? "postgresql" : "pglite",
    pairs,
    firstMedianMs: quantile(first, 0.5),
    firstP90Ms: quantile(first, 0.9),
    repeatMedianMs: quantile(repeat, 0.5),
    repeatP90Ms: quantile(repeat, 0.9),
    noiseMedianMs: Math.abs(quantile(halves[0]!, 0.5) - quantile(halves[1]!, 0.5)),
    answers: [...shapes],
  };
  console.log(`Sign POSTs on ${results.database}, ${pairs} pairs, one connection (ms)`);
  console.log(row("", "median", "p90"));
  console.log(row("first signature", fixed(results.firstMedianMs), fixed(results.firstP90Ms)));
  console.log(row("address that had signed", fixed(results.repeatMedianMs), fixed(results.repeatP90Ms)));
  console.log(row("difference", fixed(results.repeatMedianMs - results.firstMedianMs), fixed(results.repeatP90Ms - results.firstP90Ms)));
  console.log(row("noise: two halves of the first", fixed(results.noiseMedianMs)));
  console.log(`answers: ${results.answers.join(" | ")}`);
  writeResults(results);
} finally {
  await stopBenchServer(server);
  await cleanup();
}
