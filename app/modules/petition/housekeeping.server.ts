import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { startPeriodicJob, type RunningJob } from "../../lib/periodic.server";
import { pruneExpiredHits } from "../../lib/rate-limit.server";
import { applyCountChanges } from "../campaign/counter.server";
import type { SigningConfig } from "./signing-config.server";
import { processSignatureRepeats } from "./signing.service.server";
import { raiseTrendingAlerts } from "./trending.service.server";

/** Counts may lag by at most this (the issue allows 10 s). */
export const COUNT_INTERVAL_MS = 2000;

/**
 * The petition counters, the mail for people who signed again, the alerts of
 * newly trending sources (about every 10 s: not in the sign statement, which
 * stays one statement) and rate-limit cleanup, run by every web process and
 * worker. Safe side by side: each takes different rows, and an alert is raised
 * once (a unique row).
 */
export function startPetitionJobs(db: Kysely<Database>, config: SigningConfig, intervalMs = COUNT_INTERVAL_MS): RunningJob {
  let runs = 0;
  return startPeriodicJob("petition counters", intervalMs, async () => {
    while ((await applyCountChanges(db)) > 0) {
      // A surge left more than one batch: keep going until caught up.
    }
    while ((await processSignatureRepeats(db, config)) > 0) {
      // The same for repeats.
    }
    if (runs % 5 === 0) await raiseTrendingAlerts(db, { mail: config.trendingAlertMail });
    if (runs++ % 30 === 0) await pruneExpiredHits(db);
  });
}
