/**
 * A mail worker process of its own (`npm run worker`), for deployments on
 * PostgreSQL that run web processes with MAIL_WORKER=off (and WEBHOOK_WORKER=off):
 * it sends mail and delivers webhooks. Several may run at once: each claims its
 * rows with SKIP LOCKED.
 */
import { openDatabaseOrExit } from "../db/run-with-database";
import { migrationStatus } from "../db/migrate";
import { mailWorkerConfig } from "../app/modules/mail/mail-config.server";
import { createMailTransport } from "../app/lib/mail/transport.server";
import { startMailWorker } from "../app/modules/mail/mail-worker.server";
import { startLetterJobs } from "../app/modules/letter/letter-jobs.server";
import { startAlertJob } from "../app/modules/alerts/alerts.service.server";
import { startUpdateJob } from "../app/modules/updates/updates.service.server";
import { startRetentionJob } from "../app/modules/privacy/retention-job.server";
import { startPetitionJobs } from "../app/modules/petition/housekeeping.server";
import { startWebhookWorker, webhookWorkerConfig } from "../app/modules/webhooks/webhook-worker.server";
import { loadConfigOrExit } from "../app/lib/config.server";

const config = loadConfigOrExit();
const database = await openDatabaseOrExit(config.database);
if (database.kind === "pglite") {
  await database.close();
  console.error("On the embedded database the web process sends mail itself (it owns the folder). Use DATABASE_URL to run separate workers.");
  process.exit(2);
}
const migrations = await migrationStatus(database.db);
if (!migrations.current) {
  await database.close();
  console.error(`Migrations pending (${migrations.pending.join(", ")}): start the app or run npm run db:migrate first.`);
  process.exit(2);
}

const transport = createMailTransport(config.mail);
const worker = startMailWorker(database.db, transport, mailWorkerConfig(config));
const petitionJobs = startPetitionJobs(database.db, config);
const letterJobs = startLetterJobs(database.db, config.letters);
// Alerts being sent (automatic ones, or any a stopped process left): enqueued in batches.
const alertJob = startAlertJob(database.db, { secrets: config.server.sessionSecrets });
const updateJob = startUpdateJob(database.db, { secrets: config.server.sessionSecrets });
const retentionJob = startRetentionJob(database.db, config.retention);
// Webhooks: events fanned out and deliveries sent, side by side with every other worker.
const webhookWorker = startWebhookWorker(database.db, webhookWorkerConfig(config));
console.log(`Mail and webhook worker started (${transport.kind} transport).`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing the batch in hand…`);
  await worker.stop();
  await webhookWorker.stop();
  await petitionJobs.stop();
  await letterJobs.stop();
  await alertJob.stop();
  await updateJob.stop();
  await retentionJob.stop();
  transport.close();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
