/**
 * Webhook throughput: deliveries per second from the queue to a receiver on 127.0.0.1 with three
 * worker processes (server/worker.ts) on PostgreSQL, and how long each POST took.
 * Usage: DATABASE_URL=postgres://… npm run bench:webhooks [-- --deliveries 30000 --workers 3 --answer-ms 0]
 */
import { sql } from "kysely";
import { startWebhookRig } from "../tests/support/webhook-rig";
import { arg, writeResults } from "./support";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("Set DATABASE_URL to a PostgreSQL server (a fresh database is created there and dropped): separate workers need it.");
  process.exit(2);
}
const deliveries = arg("deliveries", 30_000);
const workers = arg("workers", 3);
const answerMs = arg("answer-ms", 0);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const rig = await startWebhookRig(serverUrl, deliveries, answerMs);
try {
  const started = Date.now();
  for (let i = 0; i < workers; i++) rig.spawnWorker();
  const delivered = await rig.waitForDelivered(deliveries, 600_000);
  const wallSeconds = (Date.now() - started) / 1000;
  const first = Math.min(...rig.arrivals.map((a) => a.at));
  const last = Math.max(...rig.arrivals.map((a) => a.at));
  const perSecond = Math.round(rig.arrivals.length / Math.max((last - first) / 1000, 0.001));
  const durations = (await rig.database.db.selectFrom("webhook_attempts").select("duration_ms").execute()).map((r) => r.duration_ms).sort((a, b) => a - b);
  // From a row being due (all at once here) to its delivery recorded: what a backlog costs.
  const queued = (
    await sql<{ ms: number }>`select extract(epoch from (finished_at - created_at)) * 1000 as ms from webhook_deliveries where status = 'delivered'`.execute(rig.database.db)
  ).rows
    .map((r) => Number(r.ms))
    .sort((a, b) => a - b);
  const distinct = new Set(rig.arrivals.map((a) => a.id)).size;
  const result = {
    deliveries,
    workers,
    answerMs,
    delivered,
    received: rig.arrivals.length,
    distinctDeliveryIds: distinct,
    wallSeconds: Number(wallSeconds.toFixed(1)),
    deliveriesPerSecond: perSecond,
    postMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99), max: durations.at(-1) ?? 0 },
    dueToDeliveredMs: { p50: Math.round(percentile(queued, 50)), p95: Math.round(percentile(queued, 95)), p99: Math.round(percentile(queued, 99)) },
  };
  console.log(`workers ${workers}, deliveries ${deliveries}, receiver answers after ${answerMs} ms`);
  console.log(`delivered ${delivered}, received ${result.received} (${distinct} distinct delivery ids), wall ${result.wallSeconds} s incl. start-up`);
  console.log(`deliveries/s (first to last arrival): ${perSecond}   goal ≥ 500`);
  console.log(`POST duration ms: p50 ${result.postMs.p50}  p95 ${result.postMs.p95}  p99 ${result.postMs.p99}  max ${result.postMs.max}`);
  console.log(`due → delivered ms (whole backlog due at once): p50 ${result.dueToDeliveredMs.p50}  p95 ${result.dueToDeliveredMs.p95}  p99 ${result.dueToDeliveredMs.p99}`);
  writeResults(result);
} finally {
  await rig.close();
}
