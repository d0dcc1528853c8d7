/**
 * Mail throughput: mails per second from the outbox to a local SMTP sink with
 * one and with three worker processes on PostgreSQL.
 * Usage: DATABASE_URL=postgres://… npm run bench:mail [-- --mails 5000]
 */
import { drainWithWorkers } from "../tests/support/mail-drain";
import { writeResults } from "./support";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("Set DATABASE_URL to a PostgreSQL server (a fresh database is created there and dropped).");
  process.exit(2);
}
const index = process.argv.indexOf("--mails");
const mails = index > 0 ? Number(process.argv[index + 1]) : 5000;

console.log("workers  mails  wall s (incl. start-up)  mails/s (first to last send)  delivered  distinct Message-IDs");
const results: Awaited<ReturnType<typeof drainWithWorkers>>[] = [];
for (const workers of [1, 3]) {
  const r = await drainWithWorkers(serverUrl, mails, workers);
  results.push(r);
  console.log(
    `${String(workers).padStart(7)}${String(r.mails).padStart(7)}${r.seconds.toFixed(1).padStart(25)}${String(r.mailsPerSecond).padStart(30)}${String(r.received).padStart(11)}${String(r.distinctMessageIds).padStart(22)}`,
  );
}
writeResults({ runs: results });
