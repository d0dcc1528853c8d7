import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { RemovalReason } from "../transparency/log-entry";
import { queueLogChangesSql } from "../transparency/log-queue.server";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What a count is kept of: a petition's confirmed signatures (also per
 * signer's country, for the map) or a letter campaign's confirmed letters.
 * `id` is the petition's or the letter campaign's; a signature also names itself, for the
 * petition's public log (ADR 48).
 */
export type Counted = { kind: "signatures"; id: number; countryCode: string; signatureId: string } | { kind: "letters"; id: number };

export type CountKind = Counted["kind"];

/** The change log and counter rows of one kind of count (ADR 0008, ADR 0021). */
interface CounterTables {
  /** +1 and −1 rows waiting to be folded. */
  changes: string;
  /** The column naming the petition or campaign, in each of these tables. */
  owner: string;
  /** One row per petition or campaign: what pages read. */
  totals: string;
  /** One row per petition or campaign and country, where counts are also kept per country. */
  byCountry?: string;
}

const COUNTERS: Record<CountKind, CounterTables> = {
  signatures: { changes: "signature_count_changes", owner: "petition_id", totals: "petition_counts", byCountry: "petition_country_counts" },
  letters: { changes: "letter_count_changes", owner: "campaign_id", totals: "letter_counts" },
};

/** Rows per statement: well under PostgreSQL's limit of parameters. */
const CHUNK = 5000;

const names = (columns: readonly string[]) => sql.join(columns.map((c) => sql.ref(c)));
const values = (rows: readonly (readonly (string | number)[])[]) => sql.join(rows.map((r) => sql`(${sql.join(r)})`));

/**
 * Records +1s (confirmed) or −1s (no longer counted) for the counting job, in
 * the caller's transaction, so a count moves exactly when the state it counts
 * commits. A +1 also makes sure the counter rows it will add to exist (a no-op
 * once they do), so the job only ever updates. A signature's change also queues
 * its entry in the petition's log, in the same statement: an add, or a removal
 * with `reason` (required for −1s of signatures). One statement per kind.
 */
export async function recordCountChanges(trx: Db, counted: readonly Counted[], delta: 1 | -1, reason?: RemovalReason): Promise<void> {
  for (const [kind, tables] of Object.entries(COUNTERS)) {
    const ofKind = counted.filter((c) => c.kind === kind);
    // The key of a change: the petition or campaign, and the country where counts are kept per country.
    const columns = tables.byCountry ? [tables.owner, "country_code"] : [tables.owner];
    for (let i = 0; i < ofKind.length; i += CHUNK) {
      const chunk = ofKind.slice(i, i + CHUNK);
      const keys = chunk.map((c) => (tables.byCountry && c.kind === "signatures" ? [c.id, c.countryCode] : [c.id]));
      const counters =
        delta === 1
          ? [
              ...(tables.byCountry ? [sql`insert into ${sql.table(tables.byCountry)} (${names(columns)}) values ${values(uniqueSorted(keys))} on conflict do nothing`] : []),
              sql`insert into ${sql.table(tables.totals)} (${names([tables.owner])}) values ${values(uniqueSorted(keys.map((k) => k.slice(0, 1))))} on conflict do nothing`,
            ]
          : [];
      const logged = logChanges(chunk, delta, reason);
      const before = logged ? [...counters, logged] : counters;
      const first = before.length > 0 ? sql`with ${sql.join(before.map((insert, n) => sql`${sql.id(`before_${n}`)} as (${insert})`))} ` : sql``;
      await sql`${first}insert into ${sql.table(tables.changes)} (${names([...columns, "delta"])}) values ${values(keys.map((k) => [...k, delta]))}`.execute(trx);
    }
  }
}

/** The log entries a chunk of signature count changes queues; null for letters. */
function logChanges(chunk: readonly Counted[], delta: 1 | -1, reason: RemovalReason | undefined) {
  const signatures = chunk.flatMap((c) => (c.kind === "signatures" ? [{ petitionId: c.id, signatureId: c.signatureId, countryCode: c.countryCode }] : []));
  if (signatures.length === 0) return null;
  if (delta === 1) return queueLogChangesSql(signatures, { delta });
  if (reason === undefined) throw new TypeError("a signature that stops counting needs the reason its log's removal entry states");
  return queueLogChangesSql(signatures, { delta, reason });
}

/** Distinct keys in one order, so two transactions creating the same counter rows wait for each other rather than deadlock. */
function uniqueSorted(keys: (string | number)[][]): (string | number)[][] {
  const byText = new Map(keys.map((k) => [JSON.stringify(k), k]));
  return [...byText.keys()].sort().map((t) => byText.get(t)!);
}

export function recordCountChange(trx: Db, counted: Counted, delta: 1 | -1, reason?: RemovalReason): Promise<void> {
  return recordCountChanges(trx, [counted], delta, reason);
}

/**
 * Folds pending changes of one kind into its counters and deletes them, in one
 * statement: each change is counted exactly once even with several processes
 * running this (SKIP LOCKED: they take different rows).
 */
async function foldChanges(db: Kysely<Database>, tables: CounterTables, batchSize: number): Promise<number> {
  const changes = sql.table(tables.changes);
  const owner = sql.ref(tables.owner);
  const byCountry = tables.byCountry
    ? sql`
    , by_country as (
      update ${sql.table(tables.byCountry)} c set confirmed = c.confirmed + s.delta
      from (select owner, country_code, sum(delta) as delta from taken group by owner, country_code) s
      where c.${owner} = s.owner and c.country_code = s.country_code
    )`
    : sql``;
  const result = await sql<{ applied: string }>`
    with taken as (
      delete from ${changes}
      where id in (select id from ${changes} order by id limit ${batchSize} for update skip locked)
      returning ${owner} as owner, ${tables.byCountry ? sql`country_code, ` : sql``}delta
    )${byCountry},
    by_owner as (
      update ${sql.table(tables.totals)} c set confirmed = c.confirmed + s.delta, updated_at = now()
      from (select owner, sum(delta) as delta from taken group by owner) s
      where c.${owner} = s.owner
    )
    select count(*) as applied from taken
  `.execute(db);
  return Number(result.rows[0]?.applied ?? 0);
}

/**
 * Folds a batch of pending count changes of every kind into the counters
 * (ADR 0008): pages then read one row. Returns how many changes it applied.
 */
export async function applyCountChanges(db: Kysely<Database>, batchSize = 20_000): Promise<number> {
  let applied = 0;
  for (const tables of Object.values(COUNTERS)) applied += await foldChanges(db, tables, batchSize);
  return applied;
}

/** The confirmed count of a petition or letter campaign as last folded, and when it was. */
export async function countOf(db: Db, kind: CountKind, id: number): Promise<{ confirmed: number; updatedAt: Date | null }> {
  const tables = COUNTERS[kind];
  const { rows } = await sql<{ confirmed: string; updated_at: Date | string }>`
    select confirmed, updated_at from ${sql.table(tables.totals)} where ${sql.ref(tables.owner)} = ${id}
  `.execute(db);
  const row = rows[0];
  return { confirmed: Number(row?.confirmed ?? 0), updatedAt: row ? new Date(row.updated_at) : null };
}
