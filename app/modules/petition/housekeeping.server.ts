import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { startPeriodicJob, type RunningJob } from "../../lib/periodic.server";
import { pruneExpiredHits } from "../../lib/rate-limit.server";
import { applyCountChanges } from "../campaign/counter.server";
import type { Config } from "../../lib/config.server";
import { runLogJobs } from "../transparency/log-jobs.server";
import { receiptMailsOnAppend } from "./signature-receipts.server";
import { processSignatureRepeats } from "./signing.service.server";
import { raiseTrendingAlerts } from "./trending.service.server";

/** Counts may lag by at most this (the issue allows 10 s). */
export const COUNT_INTERVAL_MS = 2000;

/** The settings these jobs read. */
export type PetitionJobsConfig = Pick<Config, "signing" | "transparency"> & { server: Pick<Config["server"], "publicUrl"> };

/**
 * The petition counters and signature logs (entries appended every run, checkpoints signed when
 * due, looked at about every 10 s), the mail for people who signed again, the alerts of
 * newly trending sources (about every 10 s: not in the sign statement, which
 * stays one statement) and rate-limit cleanup, run by every web process and
 * worker. Safe side by side: each takes different rows, and an alert is raised
 * once (a unique row).
 */
export function startPetitionJobs(db: Kysely<Database>, config: PetitionJobsConfig, intervalMs = COUNT_INTERVAL_MS): RunningJob {
  let runs = 0;
  const logs = { ...config.transparency, siteOrigin: config.server.publicUrl };
  // Each add appended mails its signer their receipt, in the appending transaction.
  const onAppended = receiptMailsOnAppend(logs.siteOrigin);
  return startPeriodicJob("petition counters", intervalMs, async () => {
    while ((await applyCountChanges(db)) > 0) {
      // A surge left more than one batch: keep going until caught up.
    }
    await runLogJobs(db, logs, { publish: runs % 5 === 0, onAppended });
    while ((await processSignatureRepeats(db, config.signing)) > 0) {
      // The same for repeats.
    }
    if (runs % 5 === 0) await raiseTrendingAlerts(db, { mail: config.signing.trendingAlertMail });
    if (runs++ % 30 === 0) await pruneExpiredHits(db);
  });
}
