import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { startPeriodicJob, type RunningJob } from "../../lib/periodic.server";
import type { LetterConfig } from "./letter-config.server";
import { sendDueDigests } from "./letter-digests.server";
import { expireUnconfirmedLetters, queueDueFollowups } from "./letter-followups.server";

/** Digests are due once a day and follow-ups after days: a minute's delay costs nothing. */
export const LETTER_JOBS_INTERVAL_MS = 60_000;

/** Expiry, daily digests and follow-ups, run by every web process and worker; safe side by side. */
export function startLetterJobs(db: Kysely<Database>, config: LetterConfig, intervalMs = LETTER_JOBS_INTERVAL_MS): RunningJob {
  return startPeriodicJob("letter jobs", intervalMs, async () => {
    const now = new Date();
    await expireUnconfirmedLetters(db, now, config.confirmTtlMs);
    while ((await sendDueDigests(db, now)) > 0) {
      // More targets than one batch: keep going.
    }
    while ((await queueDueFollowups(db, now, config.followupAfterMs)) > 0) {
      // Likewise.
    }
  });
}
