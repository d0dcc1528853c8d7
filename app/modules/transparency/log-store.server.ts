/**
 * The stored log of a petition: its row (size and counts, and the lock appends and checkpoints take),
 * its tree nodes and its checkpoints. Hashes are `bytea`; both drivers read them as bytes.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { Checkpoint } from "./checkpoint";
import { toHex } from "./bytes";
import type { NodeId, NodeLookup } from "./merkle";

export type Db = Kysely<Database> | Transaction<Database>;

/** A petition's log as its locked row says: how many entries, and the counts they imply. */
export type LockedLog = { petitionId: number; size: number; counts: Record<string, number> };

/**
 * Locks the petition's log row (creating it on first use), for appending or signing. `wait: false`
 * gives up at once when another transaction holds it (that one is appending already).
 */
export async function lockLog(trx: Transaction<Database>, petitionId: number, wait: boolean): Promise<LockedLog | null> {
  await trx.insertInto("petition_logs").values({ petition_id: petitionId }).onConflict((oc) => oc.column("petition_id").doNothing()).execute();
  let query = trx.selectFrom("petition_logs").select(["size", "counts"]).where("petition_id", "=", petitionId).forUpdate();
  if (!wait) query = query.skipLocked();
  const row = await query.executeTakeFirst();
  return row ? { petitionId, size: Number(row.size), counts: row.counts } : null;
}

const nodeKey = (id: NodeId) => `${id.level}:${id.index}`;

/** The stored hashes of these nodes, in one query, as a lookup for `resolveProof` and `rootFromNodes`. */
export async function nodeLookup(db: Db, petitionId: number, ids: readonly NodeId[]): Promise<NodeLookup> {
  const found = new Map<string, Uint8Array>();
  if (ids.length > 0) {
    const wanted = sql.join(ids.map((id) => sql`(${id.level}::smallint, ${id.index}::bigint)`));
    const { rows } = await sql<{ level: number; node_index: string; hash: Uint8Array }>`
      select n.level, n.node_index, n.hash
      from petition_log_nodes n join (values ${wanted}) as w (level, node_index) on n.level = w.level and n.node_index = w.node_index
      where n.petition_id = ${petitionId}
    `.execute(db);
    for (const row of rows) found.set(`${row.level}:${row.node_index}`, new Uint8Array(row.hash));
  }
  return (id) => found.get(nodeKey(id));
}

type CheckpointRow = {
  size: string;
  root_hash: Uint8Array;
  total: string;
  by_country: Record<string, number>;
  published_at: Date | string;
  key_id: string;
  signature: string;
};

/** A stored checkpoint as the endpoints serve it (docs/transparency.md, "Checkpoint JSON"). */
export function checkpointFromRow(origin: string, row: CheckpointRow): Checkpoint {
  const byCountry = Object.fromEntries(Object.entries(row.by_country).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    origin,
    size: Number(row.size),
    rootHash: toHex(new Uint8Array(row.root_hash)),
    counts: { total: Number(row.total), byCountry },
    time: new Date(row.published_at).toISOString(),
    keyId: row.key_id,
    signature: row.signature,
  };
}

const CHECKPOINT_COLUMNS = ["size", "root_hash", "total", "by_country", "published_at", "key_id", "signature"] as const;

/** The latest checkpoint's row, or the one of exactly `size`. */
export async function checkpointRow(db: Db, petitionId: number, size?: number): Promise<CheckpointRow | undefined> {
  let query = db.selectFrom("petition_log_checkpoints").select(CHECKPOINT_COLUMNS).where("petition_id", "=", petitionId);
  query = size === undefined ? query.orderBy("size", "desc").limit(1) : query.where("size", "=", String(size));
  return query.executeTakeFirst();
}

/** Up to `limit` checkpoints larger than `after`, smallest first. */
export async function checkpointRowsAfter(db: Db, petitionId: number, after: number, limit: number): Promise<CheckpointRow[]> {
  return db.selectFrom("petition_log_checkpoints").select(CHECKPOINT_COLUMNS).where("petition_id", "=", petitionId).where("size", ">", String(after)).orderBy("size").limit(limit).execute();
}
