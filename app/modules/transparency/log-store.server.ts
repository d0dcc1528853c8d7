/**
 * The stored log of a petition: its row (size and counts, and the lock appends and checkpoints take),
 * its tree nodes and its checkpoints. Hashes are `bytea`; both drivers read them as bytes.
 * Nodes of level 1 and up are stored; a leaf hash (level 0) is computed from its entry when a proof
 * or the border needs one, which halves the rows an append writes.
 */
import { hash } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, LogRemovalReason } from "../../../db/schema";
import type { Checkpoint } from "./checkpoint";
import { toHex } from "./bytes";
import { encodeEntry, type LogEntry } from "./log-entry";
import { leafHash, type NodeId, type NodeLookup } from "./merkle";

/** Node's one-shot SHA-256: the same function as the isomorphic one, twice as fast on small inputs. */
export const serverSha256 = (data: Uint8Array): Uint8Array => hash("sha256", data, "buffer");

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

type EntryRow = { entry_index: string; kind: "add" | "remove"; commitment: Uint8Array; country_code: string; day: string; removes: string | null; reason: LogRemovalReason | null };

/** An entry as stored, as the log holds it. */
export function entryOfRow(row: EntryRow): LogEntry {
  const base = { commitment: toHex(new Uint8Array(row.commitment)), country: row.country_code, day: row.day };
  return row.kind === "add" ? { kind: "add", ...base } : { kind: "remove", ...base, removes: Number(row.removes), reason: row.reason! };
}

export const ENTRY_COLUMNS = ["entry_index", "kind", "commitment", "country_code", "day", "removes", "reason"] as const;

/** The hashes of these nodes (a query for the stored ones, one for the leaves), as a lookup for `resolveProof` and `rootFromNodes`. */
export async function nodeLookup(db: Db, petitionId: number, ids: readonly NodeId[]): Promise<NodeLookup> {
  const found = new Map<string, Uint8Array>();
  const leaves = ids.filter((id) => id.level === 0).map((id) => String(id.index));
  if (leaves.length > 0) {
    const rows = await db.selectFrom("petition_log_entries").select(ENTRY_COLUMNS).where("petition_id", "=", petitionId).where("entry_index", "in", leaves).execute();
    for (const row of rows) found.set(`0:${row.entry_index}`, leafHash(encodeEntry(entryOfRow(row)), serverSha256));
  }
  const stored = ids.filter((id) => id.level > 0);
  if (stored.length > 0) {
    const wanted = sql.join(stored.map((id) => sql`(${id.level}::smallint, ${id.index}::bigint)`));
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
