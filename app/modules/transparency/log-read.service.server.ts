/**
 * What the public log endpoints answer (docs/transparency.md, "Endpoints"), and a signer's receipt.
 * Everything here is public except `receiptOf`, which only the signer's own links reach.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { toHex } from "./bytes";
import { logOriginOf, type Checkpoint, type LogPublicKey } from "./checkpoint";
import { CHECKPOINTS_PAGE_MAX, ENTRIES_PAGE_MAX, type ConsistencyProofJson, type InclusionProofJson } from "./log-api";
import type { LogEntryJson } from "./log-entry";
import { checkpointFromRow, checkpointRow, checkpointRowsAfter, nodeLookup } from "./log-store.server";
import { consistencyPlan, inclusionPlan, planNodes, resolveProof } from "./merkle";
import { makeReceipt, type Receipt } from "./receipt";

type Db = Kysely<Database>;

/** A petition whose log can be read: published (live or closed), found by slug. */
export type PublicLog = { petitionId: number; origin: string; size: number };

/** An answer, or why not: `bad_request` (a parameter missing or out of range) or `not_found`. */
export type LogAnswer<T> = { ok: true; value: T } | { ok: false; error: "bad_request" | "not_found" };

const notFound = { ok: false, error: "not_found" } as const;
const badRequest = { ok: false, error: "bad_request" } as const;

export async function publicLog(db: Db, slug: string, siteOrigin: string): Promise<PublicLog | null> {
  const row = await db
    .selectFrom("petitions as p")
    .leftJoin("petition_logs as l", "l.petition_id", "p.id")
    .select(["p.id", "p.slug", "l.size"])
    .where("p.slug", "=", slug)
    .where("p.status", "<>", "draft")
    .executeTakeFirst();
  return row ? { petitionId: row.id, origin: logOriginOf(siteOrigin, row.slug), size: Number(row.size ?? 0) } : null;
}

export async function checkpointOf(db: Db, log: PublicLog, size?: number): Promise<LogAnswer<Checkpoint>> {
  const row = await checkpointRow(db, log.petitionId, size);
  return row ? { ok: true, value: checkpointFromRow(log.origin, row) } : notFound;
}

export async function checkpointsAfter(db: Db, log: PublicLog, after: number): Promise<{ checkpoints: Checkpoint[]; next: number | null }> {
  const rows = await checkpointRowsAfter(db, log.petitionId, after, CHECKPOINTS_PAGE_MAX);
  const checkpoints = rows.map((row) => checkpointFromRow(log.origin, row));
  return { checkpoints, next: checkpoints.length === CHECKPOINTS_PAGE_MAX ? checkpoints.at(-1)!.size : null };
}

/** Entries start ≤ index < end, at most a page; `start` beyond the log is a bad request. */
export async function entriesOf(db: Db, log: PublicLog, start: number, end: number): Promise<LogAnswer<{ start: number; entries: LogEntryJson[] }>> {
  if (start > log.size || end < start) return badRequest;
  const until = Math.min(end, start + ENTRIES_PAGE_MAX, log.size);
  const rows =
    until > start
      ? await db
          .selectFrom("petition_log_entries")
          .select(["entry_index", "kind", "commitment", "country_code", "day", "removes", "reason"])
          .where("petition_id", "=", log.petitionId)
          .where("entry_index", ">=", String(start))
          .where("entry_index", "<", String(until))
          .orderBy("entry_index")
          .execute()
      : [];
  const entries = rows.map((row): LogEntryJson => {
    const base = { index: Number(row.entry_index), commitment: toHex(new Uint8Array(row.commitment)), country: row.country_code, day: row.day };
    return row.kind === "add" ? { ...base, kind: "add" } : { ...base, kind: "remove", removes: Number(row.removes), reason: row.reason! };
  });
  return { ok: true, value: { start, entries } };
}

export async function inclusionProofOf(db: Db, log: PublicLog, index: number, size: number): Promise<LogAnswer<InclusionProofJson>> {
  if (!(index < size && size <= log.size)) return badRequest;
  const plan = inclusionPlan(index, size);
  const proof = resolveProof(plan, await nodeLookup(db, log.petitionId, planNodes(plan)));
  return { ok: true, value: { index, size, proof: proof.map(toHex) } };
}

export async function consistencyProofOf(db: Db, log: PublicLog, from: number, to: number): Promise<LogAnswer<ConsistencyProofJson>> {
  if (!(from > 0 && from <= to && to <= log.size)) return badRequest;
  const plan = consistencyPlan(from, to);
  const proof = resolveProof(plan, await nodeLookup(db, log.petitionId, planNodes(plan)));
  return { ok: true, value: { from, to, proof: proof.map(toHex) } };
}

/** Every key the instance has signed checkpoints with, oldest first. */
export async function logKeys(db: Db): Promise<LogPublicKey[]> {
  const rows = await db.selectFrom("log_signing_keys").select(["key_id", "public_key", "activated_at", "retired_at"]).orderBy("activated_at").execute();
  return rows.map((row) => ({
    keyId: row.key_id,
    algorithm: "Ed25519",
    publicKey: row.public_key,
    activatedAt: new Date(row.activated_at).toISOString(),
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at).toISOString(),
  }));
}

/**
 * The receipt of a signature's latest add, or null while its entry is still queued (or it never
 * counted). Private: it links the entry to the signature.
 */
export async function receiptOf(db: Db, signatureId: string, siteOrigin: string): Promise<Receipt | null> {
  const row = await db
    .selectFrom("petition_log_entries as e")
    .innerJoin("signatures as s", (join) => join.onRef("s.id", "=", "e.signature_id").onRef("s.petition_id", "=", "e.petition_id"))
    .innerJoin("petitions as p", "p.id", "e.petition_id")
    .select(["e.entry_index", "e.secret", "p.slug", "s.uuid"])
    .where("e.signature_id", "=", signatureId)
    .where("e.kind", "=", "add")
    .orderBy("e.entry_index", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row || row.secret === null) return null;
  return makeReceipt(logOriginOf(siteOrigin, row.slug), Number(row.entry_index), String(row.uuid), new Uint8Array(row.secret));
}
