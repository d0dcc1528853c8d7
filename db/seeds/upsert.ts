import { sql, type Expression, type Insertable, type Kysely, type SqlBool, type Transaction } from "kysely";
import type { Database } from "../schema";

export interface UpsertCount {
  inserted: number;
  updated: number;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts rows that are new by `key`, updates rows whose `compare` columns
 * changed, and leaves identical rows untouched, so re-seeding writes nothing. `keyWhere` is the
 * predicate of a partial unique index on `key`.
 */
export async function upsertChanged<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
  key: readonly string[],
  compare: readonly string[],
  keyWhere?: Expression<SqlBool>,
): Promise<UpsertCount> {
  const count: UpsertCount = { inserted: 0, updated: 0 };
  if (rows.length === 0) return count;
  const current = sql.join(compare.map((c) => sql.ref(`${table}.${c}`)));
  const incoming = sql.join(compare.map((c) => sql.ref(`excluded.${c}`)));
  const set = Object.fromEntries(compare.map((c) => [c, sql.ref(`excluded.${c}`)]));
  // Kysely cannot type a table chosen at run time; the row type above is checked by callers.
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500) as Record<string, unknown>[];
    const results = await untyped
      .insertInto(table as string)
      .values(batch)
      .onConflict((oc) =>
        (keyWhere ? oc.columns(key as string[]).where(keyWhere) : oc.columns(key as string[]))
          .doUpdateSet(set as Record<string, never>)
          .where(sql<boolean>`(${current}) is distinct from (${incoming})`),
      )
      .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
      .execute();
    for (const row of results) {
      if (row.inserted) count.inserted++;
      else count.updated++;
    }
  }
  return count;
}
