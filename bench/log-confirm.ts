/**
 * Confirmations per second through `confirmSignature`, in this process: `--signatures` pending
 * signatures of the demo petition (written straight into the table, as the sign form leaves them)
 * confirmed `--in-flight` at a time, on a fresh database (DATABASE_URL, or PGlite in PGLITE_DIR).
 * It uses only what the app had before the signature log, so bench/log.ts also runs it in a checkout
 * of an earlier commit: the same confirmations without the log queue. With `--drain` it then appends
 * the entries the confirmations queued (`appendPetitionLog`) and times that. The counting job is not
 * running: both sides leave their +1s for it.
 * Prints one line of JSON. Usage: `tsx bench/log-confirm.ts [--signatures 20000 --in-flight 64 --pool 10 --drain]`.
 */
import { sql } from "kysely";
import { configFrom } from "../app/lib/config.server";
import { confirmUrlFor } from "../app/lib/links/signature-links.server";
import { confirmSignature } from "../app/modules/petition/signing.service.server";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDatabase } from "../db/seed";
import { seedDemoContent } from "../server/demo-content";
import { arg } from "./support";

const SLUG = "stop-the-cybercrime-convention";
const COUNTRIES = ["FRA", "DEU", "BRA", "NGA", "IND", "USA"];
const signatures = arg("signatures", 20_000);
const inFlight = arg("in-flight", 64);
const drain = process.argv.includes("--drain");
const secrets = ["bench-confirm"];

const env = { ...process.env, SESSION_SECRET: secrets[0]! };
const config = configFrom(env, secrets);
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: process.env.PGLITE_DIR, poolSize: arg("pool", 10) });
const { db } = handle;
try {
  await migrateToLatest(db);
  await seedDatabase(db);
  await seedDemoContent(db);
  const petition = await db.selectFrom("petitions").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
  const countries = sql.join(COUNTRIES.map((c) => sql.lit(c)));
  await sql`
    insert into signatures (petition_id, status, name, email, email_key, country_code, language, referral_code, ip_hash, confirmation_sent_at)
    select ${petition.id}, 'pending', 'Signer ' || g, 'signer' || g || '@example.org', 'signer' || g || '@example.org',
           (array[${countries}])[1 + g % ${COUNTRIES.length}], 'en', 'bench' || lpad(g::text, 8, '0'), 'ip-' || g, now()
    from generate_series(1, ${signatures}) g
  `.execute(db);
  const ids = (await db.selectFrom("signatures").select("id").where("petition_id", "=", petition.id).where("status", "=", "pending").orderBy("id").execute()).map((r) => r.id);
  const tokens = ids.map((id) => new URL(confirmUrlFor(id, "https://bench.example", "en", secrets)).pathname.split("/")[2]!);

  const latencies: number[] = [];
  let next = 0;
  let confirmed = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < tokens.length) {
        const token = tokens[next++]!;
        const start = performance.now();
        const outcome = await confirmSignature(db, token, { config: config.signing, secrets, now: new Date() });
        latencies.push(performance.now() - start);
        if (outcome.kind === "confirmed") confirmed++;
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;

  let drained: { entries: number; seconds: number; perSecond: number } | null = null;
  if (drain) {
    // Only in a checkout with the log: the import is resolved here, not at the top.
    const { appendPetitionLog } = await import("../app/modules/transparency/log-append.server");
    const start = performance.now();
    const entries = await appendPetitionLog(db, petition.id, { wait: true });
    const took = (performance.now() - start) / 1000;
    drained = { entries, seconds: took, perSecond: entries / took };
  }
  const [queued] = (await sql<{ n: string }>`select count(*) as n from signature_count_changes`.execute(db)).rows;
  console.log(
    JSON.stringify({
      database: handle.kind,
      signatures,
      inFlight,
      confirmed,
      seconds,
      perSecond: confirmed / seconds,
      p50: pct(0.5),
      p99: pct(0.99),
      countChanges: Number(queued!.n),
      drained,
    }),
  );
  if (confirmed !== signatures) process.exitCode = 1;
} finally {
  await handle.close();
}
