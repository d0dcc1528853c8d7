/**
 * Appends queued entries to petitions' logs (ADR 48): under the log row's lock, in queue order,
 * each batch in one transaction with its tree nodes, the new size and counts, and the deletion of
 * the queue rows it took. A removal names the add it removes (the signature's latest add still
 * counted) and repeats its commitment and country.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, LogRemovalReason } from "../../../db/schema";
import { encodeEntry, type LogEntry } from "./log-entry";
import { leafHash, rangeNodes } from "./merkle";
import { MerkleTreeBuilder, type TreeNode } from "./merkle-builder";
import { lockLog, nodeLookup, serverSha256, type LockedLog } from "./log-store.server";

/** An add just appended: whose signature, at which index (what its receipt needs), and whether its signer is to get it by mail. */
export type AppendedAdd = { petitionId: number; signatureId: string; index: number; mailReceipt: boolean };

/** Called in the appending transaction with the adds of each batch (the receipt mails). */
export type OnAppended = (trx: Transaction<Database>, adds: readonly AppendedAdd[]) => Promise<void>;

export const APPEND_BATCH = 10_000;

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
  for (const row of rows) live.set(String(row.signature_id), { index: Number(row.entry_index), commitment: hex(row.commitment), country: row.country_code });
  return live;
}

/** Columns of rows to insert, one array each: a statement takes them as a few array parameters (`unnest`). */
type EntryColumns = { index: number[]; kind: string[]; commitment: string[]; country: string[]; day: string[]; removes: (number | null)[]; reason: (string | null)[]; signatureId: (string | null)[]; secret: (string | null)[] };

async function insertEntries(trx: Transaction<Database>, petitionId: number, c: EntryColumns): Promise<void> {
  await sql`
    insert into petition_log_entries (petition_id, entry_index, kind, commitment, country_code, day, removes, reason, signature_id, secret)
    select ${petitionId}, t.entry_index, t.kind, decode(t.commitment, 'hex'), t.country_code, t.day::date, t.removes, t.reason, t.signature_id, decode(t.secret, 'hex')
    from unnest(${c.index}::bigint[], ${c.kind}::text[], ${c.commitment}::text[], ${c.country}::text[], ${c.day}::text[], ${c.removes}::bigint[], ${c.reason}::text[], ${c.signatureId}::bigint[], ${c.secret}::text[])
      as t (entry_index, kind, commitment, country_code, day, removes, reason, signature_id, secret)
  `.execute(trx);
}

async function insertNodes(trx: Transaction<Database>, petitionId: number, nodes: readonly TreeNode[]): Promise<void> {
  await sql`
    insert into petition_log_nodes (petition_id, level, node_index, hash)
    select ${petitionId}, t.level, t.node_index, decode(t.hash, 'hex')
    from unnest(${nodes.map((n) => n.level)}::smallint[], ${nodes.map((n) => n.index)}::bigint[], ${nodes.map((n) => hex(n.hash))}::text[]) as t (level, node_index, hash)
  `.execute(trx);
}

/** Lower-case hex by Node's encoder: a million entries' hashes are hex-encoded twice as fast as by `toHex`. */
function hex(bytes: Uint8Array): string;
function hex(bytes: Uint8Array | null): string | null;
function hex(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export type AppendBatch = { taken: number; adds: AppendedAdd[]; lastId: string | null };

/**
 * Appends up to `limit` queued entries to a locked log; returns how many queue rows it took, the
 * adds it appended and the last queue id taken. `after` skips the queue ids a previous batch of the
 * same run took (their deleted rows would otherwise be stepped over again); a row committed late
 * with a lower id waits for the next run. A removal whose signature has no counted add is dropped
 * with an error logged (it cannot happen while every count change goes through `recordCountChanges`).
 */
export async function appendQueued(trx: Transaction<Database>, log: LockedLog, limit = APPEND_BATCH, after: string | null = null): Promise<AppendBatch> {
  let query = trx
    .selectFrom("petition_log_queue")
    .select(["id", "signature_id", "kind", "country_code", "day", "commitment", "reason", "secret", "mail_receipt"])
    .where("petition_id", "=", log.petitionId);
  if (after !== null) query = query.where("id", ">", after);
  const queued = (await query.orderBy("id").limit(limit).execute()) as QueuedRow[];
  if (queued.length === 0) return { taken: 0, adds: [], lastId: after };

  const border = log.size === 0 ? [] : rangeNodes(0, log.size);
  const lookup = await nodeLookup(trx, log.petitionId, border);
  const tree = MerkleTreeBuilder.resume(log.size, border.map((id) => ({ ...id, hash: lookup(id)! })), { hash: serverSha256 });
  const live = await liveAdds(trx, log.petitionId, [...new Set(queued.filter((q) => q.kind === "remove").map((q) => String(q.signature_id)))]);

  const counts = { ...log.counts };
  const columns: EntryColumns = { index: [], kind: [], commitment: [], country: [], day: [], removes: [], reason: [], signatureId: [], secret: [] };
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
    // The leaf (level 0) is not stored: its entry is.
    nodes.push(...tree.push(leafHash(encodeEntry(entry), serverSha256)).slice(1));
    columns.index.push(index);
    columns.kind.push(entry.kind);
    columns.commitment.push(entry.commitment);
    columns.country.push(entry.country);
    columns.day.push(entry.day);
    columns.removes.push(entry.kind === "remove" ? entry.removes : null);
    columns.reason.push(entry.kind === "remove" ? entry.reason : null);
    columns.signatureId.push(entry.kind === "add" ? signatureId : null);
    columns.secret.push(hex(row.secret));
  }

  if (columns.index.length > 0) {
    await insertEntries(trx, log.petitionId, columns);
    await insertNodes(trx, log.petitionId, nodes);
  }
  await trx
    .updateTable("petition_logs")
    .set({ size: tree.size, counts: sql`${JSON.stringify(counts)}::text::jsonb` })
    .where("petition_id", "=", log.petitionId)
    .execute();
  await sql`delete from petition_log_queue where id = any(${queued.map((q) => q.id)}::bigint[])`.execute(trx);
  // Only a removal can follow an erasure: the signer's other entries are looked at then.
  await forgetErasedSigners(trx, log.petitionId, [...new Set(queued.filter((q) => q.kind === "remove").map((q) => String(q.signature_id)))]);
  Object.assign(log, { size: tree.size, counts });
  return { taken: queued.length, adds, lastId: queued.at(-1)!.id };
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
  let after: string | null = null;
  for (;;) {
    const batch: AppendBatch = await db.transaction().execute(async (trx) => {
      const log = await lockLog(trx, petitionId, options.wait ?? false);
      if (!log) return { taken: 0, adds: [], lastId: after };
      const appended = await appendQueued(trx, log, batchSize, after);
      if (appended.adds.length > 0 && options.onAppended) await options.onAppended(trx, appended.adds);
      return appended;
    });
    total += batch.taken;
    after = batch.lastId;
    if (batch.taken < batchSize) return total;
  }
}

/** Appends every petition's queued entries (the periodic job); returns how many queue rows it took. */
export async function appendQueuedEntries(db: Kysely<Database>, options: { batchSize?: number; onAppended?: OnAppended } = {}): Promise<number> {
  const petitions = await db.selectFrom("petition_log_queue").select("petition_id").distinct().execute();
  let total = 0;
  for (const { petition_id } of petitions) total += await appendPetitionLog(db, petition_id, { ...options, wait: false });
  return total;
}
