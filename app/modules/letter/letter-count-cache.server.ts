import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * How long a process reuses a campaign's count of confirmed letters
 * (LETTER_COUNT_CACHE_MS, default 5000, as long as petition counts may lag):
 * the campaign page shows it on every view, and counting on every view would
 * cost a scan of the campaign's letters each time on the day it goes viral.
 */
const cacheMs = () => Number(process.env.LETTER_COUNT_CACHE_MS ?? 5000);

const counts = new Map<number, { count: number; countedAt: number }>();

/** Confirmed letters of a campaign, counted at most once per cache life per process. */
export async function confirmedLetterCount(db: Kysely<Database>, campaignId: number, now = Date.now()): Promise<number> {
  const hit = counts.get(campaignId);
  if (hit && now - hit.countedAt < cacheMs()) return hit.count;
  const row = await db
    .selectFrom("letters")
    .select(sql<string>`count(*)`.as("n"))
    .where("campaign_id", "=", campaignId)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  counts.set(campaignId, { count, countedAt: now });
  return count;
}
