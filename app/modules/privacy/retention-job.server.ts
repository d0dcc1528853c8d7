import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { nonNegativeNumberFromEnv as number } from "../../lib/env-number.server";
import { startPeriodicJob, type RunningJob } from "../../lib/periodic.server";
import { applyRetention, type RetentionPolicy } from "./privacy.service.server";

export function retentionPolicy(env: NodeJS.ProcessEnv = process.env): RetentionPolicy {
  return {
    unconfirmedDays: number(env, "RETENTION_UNCONFIRMED_DAYS", 30),
    anonymizeAfterCloseDays: number(env, "RETENTION_AFTER_CLOSE_DAYS", 90),
    mailDays: number(env, "RETENTION_MAIL_DAYS", 30),
  };
}

/** Retention runs hourly in every process; the statements are idempotent, so side by side is safe. */
export function startRetentionJob(db: Kysely<Database>, policy: RetentionPolicy, intervalMs = 3_600_000): RunningJob {
  return startPeriodicJob("retention", intervalMs, () => applyRetention(db, new Date(), policy));
}
