/**
 * The verifier: trusts nothing the server says that it cannot check. It downloads the keys, every
 * checkpoint and every entry, rebuilds the tree and the counts, and checks each checkpoint's
 * signature, root and counts, the consistency proofs between consecutive checkpoints, the removal
 * rules and, given a receipt, its entry and inclusion proof. Isomorphic: the caller passes `fetch`.
 */
import { fromHex, sha256, toHex, type Sha256 } from "./bytes";
import { parseCheckpoint, parseLogPublicKey, verifyCheckpointSignature, type Checkpoint, type LogPublicKey } from "./checkpoint";
import { CHECKPOINTS_PAGE_MAX, ENTRIES_PAGE_MAX, logEndpoints, parseConsistencyProof, parseInclusionProof, type LogEndpoints } from "./log-api";
import { LogTally, sameCounts, type LogCounts } from "./log-counts";
import { encodeEntry, parseEntryJson, type LogEntry, type RemovalReason } from "./log-entry";
import { EMPTY_ROOT, leafHash, verifyConsistency, verifyInclusion } from "./merkle";
import { MerkleTreeBuilder } from "./merkle-builder";
import type { Receipt } from "./receipt";

/** The part of `fetch` the verifier uses. */
export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export type VerifyProgress =
  | { stage: "keys"; keys: number }
  | { stage: "checkpoints"; checkpoints: number; size: number }
  | { stage: "entries"; done: number; total: number }
  | { stage: "consistency"; from: number; to: number }
  | { stage: "receipt"; index: number };

export type VerifyFailureCode =
  | "bad_petition_url"
  | "no_petition"
  | "no_checkpoint"
  | "http_error"
  | "bad_response"
  | "no_key"
  | "checkpoint_invalid"
  | "checkpoint_origin"
  | "checkpoint_signature"
  | "checkpoint_order"
  | "checkpoint_conflict"
  | "entries_missing"
  | "entry_invalid"
  | "removal_invalid"
  | "root_mismatch"
  | "counts_mismatch"
  | "consistency_invalid"
  | "receipt_petition"
  | "receipt_not_in_log"
  | "receipt_entry_mismatch"
  | "inclusion_invalid";

export type VerifyFailure = { code: VerifyFailureCode; message: string };

/**
 * What a receipt shows: its signature counted, or removed (by which entry, why), or `pending`: its
 * entry came after the latest signed checkpoint (the next one will cover it), so nothing about it
 * can be proved yet.
 */
export type ReceiptOutcome =
  | { index: number; status: "counted" }
  | { index: number; status: "removed"; removedBy: number; reason: RemovalReason }
  | { index: number; status: "pending"; checkpointSize: number };

export type VerifyResult =
  | { ok: true; origin: string; size: number; counts: LogCounts; checkpoints: number; latest: Checkpoint; receipt: ReceiptOutcome | null }
  | { ok: false; failure: VerifyFailure };

export type VerifyOptions = {
  petitionUrl: string;
  fetch: FetchLike;
  receipt?: Receipt;
  /** Checkpoints this verifier kept from earlier runs: the server must still agree with them. */
  known?: readonly Checkpoint[];
  onProgress?: (progress: VerifyProgress) => void;
  subtle?: SubtleCrypto;
  /** Entries asked for per request (at most ENTRIES_PAGE_MAX). */
  pageSize?: number;
  /** A faster SHA-256 where there is one (Node's, on the command line); the isomorphic one otherwise. */
  hash?: Sha256;
};

class Failed extends Error {
  constructor(readonly failure: VerifyFailure) {
    super(failure.message);
  }
}

const fail = (code: VerifyFailureCode, message: string): never => {
  throw new Failed({ code, message });
};

/** GETs JSON; a 404 is `notFound` when given (what the absence means at that address), else an HTTP error. */
async function getJson(fetch: FetchLike, url: string, notFound?: () => never): Promise<unknown> {
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetch(url);
  } catch (error) {
    return fail("http_error", `${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status === 404 && notFound) notFound();
  if (!response.ok) fail("http_error", `${url}: HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    return fail("bad_response", `${url}: not JSON`);
  }
}

const describe = (checkpoint: Checkpoint) => `checkpoint at size ${checkpoint.size} (${checkpoint.time})`;

async function loadKeys(fetch: FetchLike, endpoints: LogEndpoints): Promise<LogPublicKey[]> {
  const body = await getJson(fetch, endpoints.key);
  const list = typeof body === "object" && body !== null ? (body as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(list)) return fail("bad_response", `${endpoints.key}: no "keys" list`);
  const keys: LogPublicKey[] = [];
  for (const item of list) {
    const parsed = parseLogPublicKey(item);
    if (!parsed.ok) return fail("bad_response", `${endpoints.key}: a key is malformed (${parsed.problem})`);
    keys.push(parsed.key);
  }
  return keys;
}

function checkpointFrom(value: unknown, where: string): Checkpoint {
  const parsed = parseCheckpoint(value);
  if (!parsed.ok) return fail("checkpoint_invalid", `${where}: malformed checkpoint (${parsed.problem})`);
  return parsed.checkpoint;
}

async function loadCheckpoints(fetch: FetchLike, endpoints: LogEndpoints, known: readonly Checkpoint[]): Promise<Checkpoint[]> {
  const listed: Checkpoint[] = [];
  let after: number | undefined;
  for (;;) {
    const url = endpoints.checkpoints(after);
    const body = await getJson(fetch, url, () => fail("no_petition", `${url}: HTTP 404: the server has no published petition at ${endpoints.origin}`));
    const { checkpoints, next } = (typeof body === "object" && body !== null ? body : {}) as { checkpoints?: unknown; next?: unknown };
    if (!Array.isArray(checkpoints) || checkpoints.length > CHECKPOINTS_PAGE_MAX || (next !== null && typeof next !== "number")) return fail("bad_response", `${url}: not a checkpoint list`);
    for (const item of checkpoints) listed.push(checkpointFrom(item, url));
    if (next === null) break;
    if (checkpoints.length === 0 || (after !== undefined && next <= after)) return fail("bad_response", `${url}: the list does not move on`);
    after = next;
  }
  // Before the first checkpoint there is nothing to check yet: say so rather than report a bare 404.
  const noneYet = (): never =>
    known.length > 0
      ? fail("checkpoint_order", `the server has no checkpoint, yet it signed one before (size ${Math.max(...known.map((c) => c.size))})`)
      : listed.length === 0
      ? fail("no_checkpoint", `${endpoints.origin} has no signed checkpoint yet, so there is nothing to verify: the server signs one at intervals once a signature is confirmed (a server without a log signing key signs none). Try again later.`)
      : fail("http_error", `${endpoints.checkpoint()}: HTTP 404, yet the server lists ${listed.length} checkpoint(s)`);
  const latest = checkpointFrom(await getJson(fetch, endpoints.checkpoint(), noneYet), endpoints.checkpoint());
  return [...listed, latest];
}

/**
 * Orders checkpoints by size and checks what needs no entries: origin, signature, one statement per
 * size, and time never running backwards as the log grows. Returns one checkpoint per size.
 */
async function checkCheckpoints(all: Checkpoint[], origin: string, keys: LogPublicKey[], subtle: SubtleCrypto | undefined): Promise<Checkpoint[]> {
  for (const checkpoint of all) {
    if (checkpoint.origin !== origin) fail("checkpoint_origin", `${describe(checkpoint)} is for ${checkpoint.origin}, not ${origin}`);
    const signed = await verifyCheckpointSignature(checkpoint, keys, subtle);
    if (!signed.ok) fail("checkpoint_signature", `${describe(checkpoint)}: ${signed.problem.replaceAll("_", " ")}`);
  }
  const sorted = [...all].sort((a, b) => a.size - b.size || (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const distinct: Checkpoint[] = [];
  for (const checkpoint of sorted) {
    const previous = distinct.at(-1);
    if (previous !== undefined && checkpoint.time < previous.time) fail("checkpoint_order", `${describe(checkpoint)} is older than the ${describe(previous)}`);
    if (previous !== undefined && previous.size === checkpoint.size) {
      if (previous.rootHash !== checkpoint.rootHash || !sameCounts(previous.counts, checkpoint.counts)) fail("checkpoint_conflict", `two signed checkpoints at size ${checkpoint.size} disagree`);
      continue;
    }
    distinct.push(checkpoint);
  }
  return distinct;
}

type ReplayResult = { counts: LogCounts; receiptEntry: LogEntry | null; removal: { by: number; reason: RemovalReason } | null };

/** Downloads entries [0, size), rebuilds the tree and the counts and checks them at each checkpoint. */
async function replay(options: VerifyOptions, endpoints: LogEndpoints, checkpoints: Checkpoint[]): Promise<ReplayResult> {
  const size = checkpoints.at(-1)!.size;
  const pageSize = Math.max(1, Math.min(options.pageSize ?? ENTRIES_PAGE_MAX, ENTRIES_PAGE_MAX));
  const hash = options.hash ?? sha256;
  const builder = new MerkleTreeBuilder({ hash });
  const tally = new LogTally();
  const receiptIndex = options.receipt?.index;
  let receiptEntry: LogEntry | null = null;
  let removal: ReplayResult["removal"] = null;
  let next = 0;
  const checkAt = (checkpoint: Checkpoint) => {
    if (toHex(builder.root()) !== checkpoint.rootHash) fail("root_mismatch", `the entries do not hash to the root of the ${describe(checkpoint)}`);
    if (!sameCounts(tally.counts(), checkpoint.counts)) fail("counts_mismatch", `the entries count ${tally.counts().total}, the ${describe(checkpoint)} says ${checkpoint.counts.total} (or differs by country)`);
  };
  while (next < checkpoints.length && checkpoints[next]!.size === 0) checkAt(checkpoints[next++]!);
  while (builder.size < size) {
    const start = builder.size;
    const end = Math.min(size, start + pageSize);
    const url = endpoints.entries(start, end);
    const body = await getJson(options.fetch, url);
    const entries = typeof body === "object" && body !== null ? (body as { entries?: unknown }).entries : undefined;
    if (!Array.isArray(entries) || entries.length > end - start) return fail("bad_response", `${url}: not a page of entries`);
    if (entries.length === 0) return fail("entries_missing", `${url}: the server has no entry ${start}, yet signed a checkpoint at size ${size}`);
    for (const item of entries) {
      const index = builder.size;
      const parsed = parseEntryJson(item, index);
      if (!parsed.ok) return fail("entry_invalid", `entry ${index}: ${parsed.problem.replaceAll("_", " ")}`);
      const entry = parsed.entry;
      const broken = tally.apply(entry);
      if (broken !== null) return fail("removal_invalid", `entry ${index}: a removal that ${broken.replaceAll("_", " ")}`);
      builder.push(leafHash(encodeEntry(entry), hash));
      if (index === receiptIndex) receiptEntry = entry;
      if (entry.kind === "remove" && entry.removes === receiptIndex) removal = { by: index, reason: entry.reason };
      while (next < checkpoints.length && checkpoints[next]!.size === builder.size) checkAt(checkpoints[next++]!);
    }
    options.onProgress?.({ stage: "entries", done: builder.size, total: size });
  }
  return { counts: tally.counts(), receiptEntry, removal };
}

async function checkConsistency(options: VerifyOptions, endpoints: LogEndpoints, checkpoints: Checkpoint[]): Promise<void> {
  for (let i = 1; i < checkpoints.length; i++) {
    const older = checkpoints[i - 1]!;
    const newer = checkpoints[i]!;
    if (older.size === 0) continue;
    options.onProgress?.({ stage: "consistency", from: older.size, to: newer.size });
    const url = endpoints.consistency(older.size, newer.size);
    const proof = parseConsistencyProof(await getJson(options.fetch, url), older.size, newer.size);
    if (proof === null) fail("bad_response", `${url}: not a consistency proof`);
    if (!verifyConsistency(older.size, newer.size, proof!, fromHex(older.rootHash, 32)!, fromHex(newer.rootHash, 32)!, options.hash)) {
      fail("consistency_invalid", `the ${describe(newer)} does not extend the ${describe(older)}`);
    }
  }
}

async function checkReceipt(options: VerifyOptions, endpoints: LogEndpoints, latest: Checkpoint, replayed: ReplayResult): Promise<ReceiptOutcome> {
  const receipt = options.receipt!;
  options.onProgress?.({ stage: "receipt", index: receipt.index });
  if (receipt.index >= latest.size) return { index: receipt.index, status: "pending", checkpointSize: latest.size };
  if (replayed.receiptEntry === null) return fail("receipt_not_in_log", `the receipt's entry ${receipt.index} is not in the log (size ${latest.size})`);
  const entry = replayed.receiptEntry;
  if (entry.kind !== "add" || entry.commitment !== receipt.commitment) return fail("receipt_entry_mismatch", `entry ${receipt.index} is not the receipt's signature`);
  const url = endpoints.inclusion(receipt.index, latest.size);
  const proof = parseInclusionProof(await getJson(options.fetch, url), receipt.index, latest.size);
  if (proof === null) return fail("bad_response", `${url}: not an inclusion proof`);
  if (!verifyInclusion(leafHash(encodeEntry(entry), options.hash), receipt.index, latest.size, proof, fromHex(latest.rootHash, 32)!, options.hash)) {
    return fail("inclusion_invalid", `the inclusion proof of entry ${receipt.index} does not lead to the ${describe(latest)}`);
  }
  return replayed.removal === null ? { index: receipt.index, status: "counted" } : { index: receipt.index, status: "removed", removedBy: replayed.removal.by, reason: replayed.removal.reason };
}

export async function verifyLog(options: VerifyOptions): Promise<VerifyResult> {
  try {
    const endpoints = logEndpoints(options.petitionUrl) ?? fail("bad_petition_url", `${options.petitionUrl} is not a petition's address`);
    if (options.receipt !== undefined && options.receipt.petition !== endpoints.origin) fail("receipt_petition", `the receipt is for ${options.receipt.petition}, not ${endpoints.origin}`);
    const keys = await loadKeys(options.fetch, endpoints);
    // A server lists its key once it has signed with it: without checkpoints, that absence is the one to report.
    const served = await loadCheckpoints(options.fetch, endpoints, options.known ?? []);
    if (keys.length === 0) fail("no_key", `${endpoints.key}: no public key is published`);
    options.onProgress?.({ stage: "keys", keys: keys.length });
    const latestServed = served.at(-1)!;
    for (const kept of options.known ?? []) {
      if (kept.size > latestServed.size) fail("checkpoint_order", `the server's latest checkpoint (size ${latestServed.size}) is behind one it signed before (size ${kept.size})`);
    }
    const checkpoints = await checkCheckpoints([...served, ...(options.known ?? [])], endpoints.origin, keys, options.subtle);
    const latest = checkpoints.at(-1)!;
    if (latest.size !== latestServed.size) fail("checkpoint_order", `the latest checkpoint (size ${latestServed.size}) is behind a listed one (size ${latest.size})`);
    options.onProgress?.({ stage: "checkpoints", checkpoints: checkpoints.length, size: latest.size });
    if (latest.size === 0 && latest.rootHash !== toHex(EMPTY_ROOT)) fail("root_mismatch", "an empty log's checkpoint must carry the empty tree's root");
    const replayed = await replay(options, endpoints, checkpoints);
    await checkConsistency(options, endpoints, checkpoints);
    const receipt = options.receipt === undefined ? null : await checkReceipt(options, endpoints, latest, replayed);
    return { ok: true, origin: endpoints.origin, size: latest.size, counts: replayed.counts, checkpoints: checkpoints.length, latest, receipt };
  } catch (error) {
    if (error instanceof Failed) return { ok: false, failure: error.failure };
    throw error;
  }
}
