import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { startPeriodicJob, type RunningJob } from "../../lib/periodic.server";
import { applyRetention, type RetentionPolicy } from "./privacy.service.server";

/** Retention runs hourly in every process; the statements are idempotent, so side by side is safe. */
export function startRetentionJob(db: Kysely<Database>, policy: RetentionPolicy, intervalMs = 3_600_000): RunningJob {
  return startPeriodicJob("retention", intervalMs, () => applyRetention(db, new Date(), policy));
}
