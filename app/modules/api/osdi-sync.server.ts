import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../../db/schema";
import type { Cursor, PageRequest } from "../../lib/osdi/paging";

/**
 * How far behind the newest change a listing stays, beyond the oldest running transaction: a
 * transaction takes its start time a few microseconds before other sessions can see it running.
 */
export const HORIZON_MARGIN_MS = 100;

/** `modified_at` as a cursor keeps it: UTC, to the microsecond. */
export const MICRO_UTC = (column: RawBuilder<unknown>) => sql<string>`to_char((${column}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The instant before which every change has committed (or never will): the start of the oldest
 * transaction still running in another session (modified_at is the modifying transaction's start),
 * or now, less HORIZON_MARGIN_MS. Read in a statement of its own BEFORE the listing's snapshot,
 * so a transaction that commits in between is already visible to the listing.
 * On PGlite there is one connection, so no other transaction is ever running.
 */
export async function syncHorizon(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ horizon: string }>`
    select ${MICRO_UTC(sql`least(now(), coalesce((
      select min(xact_start) from pg_stat_activity
      where pid <> pg_backend_pid() and datname = current_database() and xact_start is not null and backend_type = 'client backend'
    ), now())) - ${sql.lit(`${HORIZON_MARGIN_MS} milliseconds`)}::interval`)} as horizon
  `.execute(db);
  return rows[0]!.horizon;
}

/** One collection as SQL: a select with `modified_at` and `sort_id` columns (and the rest the resource needs). */
export interface Source {
  select: RawBuilder<unknown>;
  /** The SQL type of sort_id, for the cursor's comparison. */
  idType: "bigint" | "integer" | "uuid";
}

export interface Page<R> {
  rows: R[];
  total: number;
  /** Where the next page starts, or null on the last page. */
  next: Cursor | null;
}

/**
 * One page of a collection in (modified_at, sort_id) order: rows modified before the horizon and
 * within the filter, after the cursor (or at the page's offset without one).
 */
export async function pageOf<R>(db: Kysely<Database>, source: Source, request: PageRequest, horizon: string): Promise<Page<R>> {
  const type = sql.raw(source.idType);
  // Instants go as text: postgres.js would send a timestamptz parameter through a JavaScript Date, losing the microseconds.
  const conditions = [sql`x.modified_at < ${horizon}::text::timestamptz`];
  if (request.filter.after) conditions.push(sql`x.modified_at > ${request.filter.after}::text::timestamptz`);
  if (request.filter.before) conditions.push(sql`x.modified_at < ${request.filter.before}::text::timestamptz`);
  const where = sql.join(conditions, sql` and `);
  let total: number;
  if (request.cursor) {
    total = request.cursor.total;
  } else {
    const counted = await sql<{ n: string }>`select count(*) as n from (${source.select}) as x where ${where}`.execute(db);
    total = Number(counted.rows[0]!.n);
  }
  const after = request.cursor ? sql` and (x.modified_at, x.sort_id) > (${request.cursor.modifiedAt}::text::timestamptz, ${request.cursor.id}::${type})` : sql``;
  const offset = request.cursor ? 0 : (request.page - 1) * request.perPage;
  const { rows } = await sql<R & { cursor_at: string; cursor_id: string }>`
    select x.*, ${MICRO_UTC(sql`x.modified_at`)} as cursor_at, x.sort_id::text as cursor_id
    from (${source.select}) as x
    where ${where}${after}
    order by x.modified_at, x.sort_id
    limit ${request.perPage + 1} offset ${offset}
  `.execute(db);
  const more = rows.length > request.perPage;
  const shown = more ? rows.slice(0, request.perPage) : rows;
  const last = shown[shown.length - 1];
  return { rows: shown, total, next: more && last ? { modifiedAt: last.cursor_at, id: last.cursor_id, total } : null };
}
