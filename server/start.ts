import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { watch } from "node:fs";
import { pathToFileURL } from "node:url";
import { openDatabaseOrExit } from "../db/run-with-database";
import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { isDatabaseEmpty, seedDatabase } from "../db/seed";
import { seedDemoContent } from "./demo-content";
import { createMailTransport } from "../app/lib/mail/transport.server";
import { mailWorkerConfig } from "../app/modules/mail/mail-config.server";
import { startMailWorker } from "../app/modules/mail/mail-worker.server";
import { startLetterJobs } from "../app/modules/letter/letter-jobs.server";
import { startAlertJob } from "../app/modules/alerts/alerts.service.server";
import { startUpdateJob } from "../app/modules/updates/updates.service.server";
import { startRetentionJob } from "../app/modules/privacy/retention-job.server";
import { startPetitionJobs } from "../app/modules/petition/housekeeping.server";
import { PageViewTally, startPageViewWrites } from "./page-views";
import { createApp } from "./app";
import { createHttpServer } from "./http-server";
import { SERVER_BUILD_PATH } from "./build";
import { isLoopbackAddress } from "./same-machine";
import { startSurgeMonitor } from "./surge";
import { startWebhookWorker, webhookWorkerConfig } from "../app/modules/webhooks/webhook-worker.server";
import { loadConfigOrExit, settleRunMode } from "../app/lib/config.server";

// `npm start` builds first when the build is stale (prestart); `npm run dev` rebuilds on change.
const development = settleRunMode() === "development";

const importBuild = async (): Promise<ServerBuild> =>
  (await import(`${pathToFileURL(SERVER_BUILD_PATH).href}?t=${Date.now()}`)) as ServerBuild;

// Every setting, checked once: a bad one stops the start here, named.
const config = loadConfigOrExit();
const database = await openDatabaseOrExit(config.database);
await migrateToLatest(database.db, migrationOptionsOf(config));
if (await isDatabaseEmpty(database.db)) {
  console.log("Empty database: loading countries and convention facts…");
  await seedDatabase(database.db);
  // A local trial (embedded database) starts with demo campaigns to try; a real server only on request.
  if (database.kind === "pglite") await seedDemoContent(database.db);
}

const mailTransport = createMailTransport(config.mail);
// The web process sends mail itself unless separate workers do (`npm run worker`, PostgreSQL only).
const mailWorker = config.mail.workerInWebProcess ? startMailWorker(database.db, mailTransport, mailWorkerConfig(config)) : null;
// Webhooks likewise (WEBHOOK_WORKER=off when separate workers deliver them; on PGlite only this process can).
const webhookWorker = config.webhooks.workerInWebProcess ? startWebhookWorker(database.db, webhookWorkerConfig(config)) : null;

// Counters and clean-up: safe in every process at once.
const petitionJobs = startPetitionJobs(database.db, config);
const letterJobs = startLetterJobs(database.db, config.letters);
// Alerts being sent (automatic ones, or any a stopped process left): enqueued in batches.
const alertJob = startAlertJob(database.db, { secrets: config.server.sessionSecrets });
const updateJob = startUpdateJob(database.db, { secrets: config.server.sessionSecrets });
const retentionJob = startRetentionJob(database.db, config.retention);
const pageViews = new PageViewTally();
const pageViewWrites = startPageViewWrites(database.db, pageViews);

// Surge mode: the organizers' switch (in the database) or this process's request rate.
const surge = startSurgeMonitor(database.db, config.surge);

let build = await importBuild();
const app = createApp({
  database,
  config,
  localOutbox: database.kind === "pglite" && mailTransport.kind === "local",
  pageViews,
  mode: development ? "development" : "production",
  surge,
  build: development ? async () => build : build,
});

// Slow or idle clients must not hold sockets for long; oversized headers get a 431.
const server = createHttpServer(app);

// A local trial listens on loopback unless HOST says otherwise (app/lib/config.server.ts); a deployment on every interface.
server.listen({ port: config.server.port, host: config.server.host }, () => {
  const host = config.server.host ?? "::";
  const thisMachineOnly = host === "localhost" || isLoopbackAddress(host);
  const shown = thisMachineOnly || host === "::" || host === "0.0.0.0" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  const reach = thisMachineOnly ? "; only this machine can reach it, see HOST" : "";
  console.log(`Treaty Watch on http://${shown}:${config.server.port} (${database.kind} database${reach})`);
  if (development) void broadcastDevReady(build);
});

if (development) {
  // `remix dev --manual` rebuilds into build/: load the new build without restarting (the database stays open).
  watch(SERVER_BUILD_PATH, { persistent: false }, async () => {
    build = await importBuild();
    await broadcastDevReady(build);
  });
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight, then closing the database…`);
  const forceExit = setTimeout(() => {
    console.error("Shutdown took longer than 10 s; exiting.");
    process.exit(1);
  }, 10_000);
  forceExit.unref();
  server.close(async () => {
    clearInterval(closeIdle);
    surge.stop();
    await mailWorker?.stop();
    await webhookWorker?.stop();
    await petitionJobs.stop();
    await letterJobs.stop();
  await alertJob.stop();
    await alertJob.stop();
    await updateJob.stop();
    await retentionJob.stop();
    await pageViewWrites.stop();
    mailTransport.close();
    await database.close();
    process.exit(0);
  });
  // Keep-alive sockets become idle once their last response is sent: close them as they do.
  const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
