import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

const counts = new Map<number, { count: number; countedAt: number }>();

/**
 * Confirmed letters of a campaign, counted at most once per `cacheMs` per process
 * (LETTER_COUNT_CACHE_MS, as long as petition counts may lag): the campaign page
 * shows it on every view, and counting on every view would cost a scan of the
 * campaign's letters each time on the day it goes viral.
 */
export async function confirmedLetterCount(db: Kysely<Database>, campaignId: number, cacheMs: number, now = Date.now()): Promise<number> {
  const hit = counts.get(campaignId);
  if (hit && now - hit.countedAt < cacheMs) return hit.count;
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
