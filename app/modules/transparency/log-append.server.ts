/**
 * Appends queued entries to petitions' logs (ADR 48): under the log row's lock, in queue order,
 * each batch in one transaction with its tree nodes, the new size and counts, and the deletion of
 * the queue rows it took. A removal names the add it removes (the signature's latest add still
 * counted) and repeats its commitment and country.
 */
import { createHash } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, LogRemovalReason } from "../../../db/schema";
import { toHex } from "./bytes";
import { encodeEntry, type LogEntry } from "./log-entry";
import { leafHash, rangeNodes } from "./merkle";
import { MerkleTreeBuilder, type TreeNode } from "./merkle-builder";
import { lockLog, nodeLookup, type LockedLog } from "./log-store.server";

/** Node's SHA-256: the same function as the isomorphic one, faster on the server. */
export const serverSha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash("sha256").update(data).digest());

/** An add just appended: whose signature, at which index (what its receipt needs), and whether its signer is to get it by mail. */
export type AppendedAdd = { petitionId: number; signatureId: string; index: number; mailReceipt: boolean };

/** Called in the appending transaction with the adds of each batch (the receipt mails). */
export type OnAppended = (trx: Transaction<Database>, adds: readonly AppendedAdd[]) => Promise<void>;

export const APPEND_BATCH = 5000;
/** Rows per insert statement: well under PostgreSQL's limit of parameters. */
const ROWS_PER_INSERT = 2000;

type QueuedRow = {
  id: string;
  signature_id: string;
  kind: "add" | "remove";
  country_code: string;
  day: string;
  commitment: Uint8Array | null;
  reason: LogRemovalReason | null;
  secret: Uint8Array | null;
  mail_receipt: boolean;
};

type LiveAdd = { index: number; commitment: string; country: string };

/** Each signature's latest add that no removal names yet: what a removal of it removes. */
async function liveAdds(trx: Transaction<Database>, petitionId: number, signatureIds: readonly string[]): Promise<Map<string, LiveAdd>> {
  const live = new Map<string, LiveAdd>();
  if (signatureIds.length === 0) return live;
  const { rows } = await sql<{ signature_id: string; entry_index: string; commitment: Uint8Array; country_code: string }>`
    select distinct on (e.signature_id) e.signature_id, e.entry_index, e.commitment, e.country_code
    from petition_log_entries e
    where e.petition_id = ${petitionId} and e.signature_id in (${sql.join(signatureIds)}) and e.kind = 'add'
      and not exists (select 1 from petition_log_entries r where r.petition_id = e.petition_id and r.removes = e.entry_index)
    order by e.signature_id, e.entry_index desc
  `.execute(trx);
  for (const row of rows) live.set(String(row.signature_id), { index: Number(row.entry_index), commitment: toHex(new Uint8Array(row.commitment)), country: row.country_code });
  return live;
}

async function insertChunked(trx: Transaction<Database>, rows: readonly ReturnType<typeof sql>[], into: ReturnType<typeof sql>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await sql`insert into ${into} values ${sql.join(rows.slice(i, i + ROWS_PER_INSERT))}`.execute(trx);
  }
}

const hex = (bytes: Uint8Array | null) => (bytes === null ? null : toHex(new Uint8Array(bytes)));

/**
 * Appends up to `limit` queued entries to a locked log; returns how many queue rows it took and the
 * adds it appended. A removal whose signature has no counted add is dropped with an error logged
 * (it cannot happen while every count change goes through `recordCountChanges`).
 */
export async function appendQueued(trx: Transaction<Database>, log: LockedLog, limit = APPEND_BATCH): Promise<{ taken: number; adds: AppendedAdd[] }> {
  const queued = (await trx
    .selectFrom("petition_log_queue")
    .select(["id", "signature_id", "kind", "country_code", "day", "commitment", "reason", "secret", "mail_receipt"])
    .where("petition_id", "=", log.petitionId)
    .orderBy("id")
    .limit(limit)
    .execute()) as QueuedRow[];
  if (queued.length === 0) return { taken: 0, adds: [] };

  const border = log.size === 0 ? [] : rangeNodes(0, log.size);
  const lookup = await nodeLookup(trx, log.petitionId, border);
  const tree = MerkleTreeBuilder.resume(log.size, border.map((id) => ({ ...id, hash: lookup(id)! })), { hash: serverSha256 });
  const live = await liveAdds(trx, log.petitionId, [...new Set(queued.filter((q) => q.kind === "remove").map((q) => String(q.signature_id)))]);

  const counts = { ...log.counts };
  const entryRows: ReturnType<typeof sql>[] = [];
  const nodes: TreeNode[] = [];
  const adds: AppendedAdd[] = [];
  for (const row of queued) {
    const signatureId = String(row.signature_id);
    const index = tree.size;
    let entry: LogEntry;
    if (row.kind === "add") {
      entry = { kind: "add", commitment: hex(row.commitment)!, country: row.country_code, day: row.day };
      live.set(signatureId, { index, commitment: entry.commitment, country: entry.country });
      adds.push({ petitionId: log.petitionId, signatureId, index, mailReceipt: row.mail_receipt });
    } else {
      const removed = live.get(signatureId);
      if (!removed) {
        console.error(`signature log of petition ${log.petitionId}: a removal of signature ${signatureId} found no counted entry; dropped`);
        continue;
      }
      entry = { kind: "remove", commitment: removed.commitment, country: removed.country, day: row.day, removes: removed.index, reason: row.reason! };
      live.delete(signatureId);
    }
    counts[entry.country] = (counts[entry.country] ?? 0) + (entry.kind === "add" ? 1 : -1);
    if (counts[entry.country] === 0) delete counts[entry.country];
    nodes.push(...tree.push(leafHash(encodeEntry(entry), serverSha256)));
    const removes = entry.kind === "remove" ? entry.removes : null;
    const reason = entry.kind === "remove" ? entry.reason : null;
    entryRows.push(
      sql`(${log.petitionId}::integer, ${index}::bigint, ${entry.kind}, decode(${entry.commitment}, 'hex'), ${entry.country}, ${entry.day}::date, ${removes}::bigint, ${reason}::text, ${entry.kind === "add" ? signatureId : null}::bigint, decode(${hex(row.secret)}, 'hex'))`,
    );
  }

  await insertChunked(trx, entryRows, sql`petition_log_entries (petition_id, entry_index, kind, commitment, country_code, day, removes, reason, signature_id, secret)`);
  await insertChunked(
    trx,
    nodes.map((n) => sql`(${log.petitionId}::integer, ${n.level}::smallint, ${n.index}::bigint, decode(${toHex(n.hash)}, 'hex'))`),
    sql`petition_log_nodes (petition_id, level, node_index, hash)`,
  );
  await trx
    .updateTable("petition_logs")
    .set({ size: tree.size, counts: sql`${JSON.stringify(counts)}::text::jsonb` })
    .where("petition_id", "=", log.petitionId)
    .execute();
  const ids = queued.map((q) => q.id);
  for (let i = 0; i < ids.length; i += ROWS_PER_INSERT) await trx.deleteFrom("petition_log_queue").where("id", "in", ids.slice(i, i + ROWS_PER_INSERT)).execute();
  await forgetErasedSigners(trx, log.petitionId, [...new Set(queued.map((q) => String(q.signature_id)))]);
  Object.assign(log, { size: tree.size, counts });
  return { taken: queued.length, adds };
}

/**
 * An erased signer's entries keep everything public and lose the private link (signature id and
 * secret), once no queued entry of theirs still needs it to find its add.
 */
export async function forgetErasedSigners(trx: Transaction<Database>, petitionId: number, signatureIds: readonly string[]): Promise<void> {
  if (signatureIds.length === 0) return;
  await sql`
    update petition_log_entries e set signature_id = null, secret = null
    where e.petition_id = ${petitionId} and e.signature_id in (${sql.join(signatureIds)})
      and not exists (select 1 from signatures s where s.id = e.signature_id)
      and not exists (select 1 from petition_log_queue q where q.petition_id = e.petition_id and q.signature_id = e.signature_id)
  `.execute(trx);
}

/**
 * Appends one petition's queued entries, batch after batch, each batch its own transaction. With
 * `wait: false` a petition another process is appending to is left to it.
 */
export async function appendPetitionLog(db: Kysely<Database>, petitionId: number, options: { wait?: boolean; batchSize?: number; onAppended?: OnAppended } = {}): Promise<number> {
  const batchSize = options.batchSize ?? APPEND_BATCH;
  let total = 0;
  for (;;) {
    const taken = await db.transaction().execute(async (trx) => {
      const log = await lockLog(trx, petitionId, options.wait ?? false);
      if (!log) return 0;
      const { taken, adds } = await appendQueued(trx, log, batchSize);
      if (adds.length > 0 && options.onAppended) await options.onAppended(trx, adds);
      return taken;
    });
    total += taken;
    if (taken < batchSize) return total;
  }
}

/** Appends every petition's queued entries (the periodic job); returns how many queue rows it took. */
export async function appendQueuedEntries(db: Kysely<Database>, options: { batchSize?: number; onAppended?: OnAppended } = {}): Promise<number> {
  const petitions = await db.selectFrom("petition_log_queue").select("petition_id").distinct().execute();
  let total = 0;
  for (const { petition_id } of petitions) total += await appendPetitionLog(db, petition_id, { ...options, wait: false });
  return total;
}
