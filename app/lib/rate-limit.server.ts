import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** A bucket's row for its first hit in the current window; the row is kept for a second window. */
function firstHit(bucket: string, windowSeconds: number) {
  const windowStart = sql<Date>`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
  return { bucket, window_start: windowStart, hits: 1, expires_at: sql<Date>`${windowStart} + make_interval(secs => ${windowSeconds * 2})` };
}

/**
 * Counts one hit in a fixed time window and returns the hits so far in it.
 * The counter is a row in PostgreSQL, so every app process sees the same
 * number; windows follow the database clock. One statement, no transaction:
 * the row lock lasts only as long as the upsert.
 */
export async function countHit(db: Kysely<Database>, bucket: string, windowSeconds: number): Promise<number> {
  const row = await db
    .insertInto("rate_limit_hits")
    .values(firstHit(bucket, windowSeconds))
    .onConflict((oc) => oc.columns(["bucket", "window_start"]).doUpdateSet({ hits: sql`rate_limit_hits.hits + 1` }))
    .returning("hits")
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** Drops windows that ended a while ago; run from the periodic job. */
export async function pruneExpiredHits(db: Kysely<Database>): Promise<number> {
  const result = await db.deleteFrom("rate_limit_hits").where("expires_at", "<", sql<Date>`now()`).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Takes one of `limit` places in the current window, or none when all are
 * taken: one statement, so concurrent requests never take more than `limit`,
 * and a refused request leaves the count as it was (only what was let through
 * counts).
 */
export async function takeHit(db: Kysely<Database>, bucket: string, windowSeconds: number, limit: number): Promise<boolean> {
  if (limit <= 0) return false;
  const row = await db
    .insertInto("rate_limit_hits")
    .values(firstHit(bucket, windowSeconds))
    .onConflict((oc) =>
      oc
        .columns(["bucket", "window_start"])
        .doUpdateSet({ hits: sql`rate_limit_hits.hits + 1` })
        .where("rate_limit_hits.hits", "<", limit),
    )
    .returning("hits")
    .executeTakeFirst();
  return row !== undefined;
}
