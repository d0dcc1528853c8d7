/**
 * One entry of a petition's log: a confirmed signature (`add`) or the removal of one (`remove`).
 * No personal data: a commitment to the signature, its country and a day. The bytes below are what
 * the Merkle tree hashes as a leaf (docs/transparency.md, "Entry bytes").
 */
import { concatBytes, fromHex, sha256, toHex, utf8 } from "./bytes";

/** Rules under which moderation may invalidate a signature: a closed set, named in removals. */
export const INVALIDATION_RULES = ["moderation", "trending-review", "duplicate"] as const;
export type InvalidationRule = (typeof INVALIDATION_RULES)[number];
export type RemovalReason = "withdrawn" | `invalidated:${InvalidationRule}`;

export type AddEntry = { kind: "add"; commitment: string; country: string; day: string };
/** A removal repeats the commitment and country of the entry it removes; its day is the removal's. */
export type RemoveEntry = { kind: "remove"; commitment: string; country: string; day: string; removes: number; reason: RemovalReason };
export type LogEntry = AddEntry | RemoveEntry;

/** The JSON the entries endpoint serves: the entry and its position. */
export type LogEntryJson = LogEntry & { index: number };

export type EntryProblem =
  | "not_an_object"
  | "unknown_field"
  | "bad_index"
  | "bad_kind"
  | "bad_commitment"
  | "bad_country"
  | "bad_day"
  | "bad_removes"
  | "bad_reason"
  | "bad_bytes";

export type EntryParse = { ok: true; entry: LogEntry } | { ok: false; problem: EntryProblem };

const FORMAT_VERSION = 1;
const KIND_BYTE = { add: 1, remove: 2 } as const;
const COMMITMENT_TAG = utf8("treaty-watch/log-commitment/v1\0");
const ASCII = new TextDecoder("ascii");

export function isRemovalReason(value: unknown): value is RemovalReason {
  if (value === "withdrawn") return true;
  return typeof value === "string" && value.startsWith("invalidated:") && (INVALIDATION_RULES as readonly string[]).includes(value.slice("invalidated:".length));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isSignatureUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/**
 * SHA-256(tag || uuid || secret): the tag and the uuid's 36 lower-case characters have fixed
 * lengths, so the input splits one way only. Without the 32-byte secret nobody can link an entry
 * to a signature id; with it (the signer's receipt) anyone can.
 */
export function commitmentOf(signatureUuid: string, secret: Uint8Array): string {
  if (!isSignatureUuid(signatureUuid)) throw new RangeError("a signature id is a lower-case uuid");
  if (secret.length !== 32) throw new RangeError("a commitment secret has 32 bytes");
  return toHex(sha256(concatBytes(COMMITMENT_TAG, utf8(signatureUuid), secret)));
}

let lastDayChecked = "";

/** A calendar day written YYYY-MM-DD that exists (no 2026-02-30). */
export function isLogDay(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  if (value === lastDayChecked) return true;
  const date = new Date(`${value}T00:00:00Z`);
  const real = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  // Entries come in order, days in runs: remembering the last real day spares a Date per entry.
  if (real) lastDayChecked = value;
  return real;
}


/** The UTC day of a moment, as entries carry it. */
export function logDayOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

export function isCountryCode(value: unknown): value is string {
  return typeof value === "string" && /^[A-Z]{3}$/.test(value);
}

const isIndex = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/**
 * The leaf bytes: version, kind, commitment (32), country (3 ASCII), day (10 ASCII); a removal adds
 * the removed index (uint64, big-endian), the reason's length (1 byte) and the reason (ASCII).
 * Every field has a fixed length but the last, which is length-prefixed: one entry, one encoding.
 */
export function encodeEntry(entry: LogEntry): Uint8Array {
  const problem = entryProblem(entry);
  if (problem !== null) throw new RangeError(`not a valid log entry: ${problem}`);
  const head = concatBytes(new Uint8Array([FORMAT_VERSION, KIND_BYTE[entry.kind]]), fromHex(entry.commitment, 32)!, utf8(entry.country), utf8(entry.day));
  if (entry.kind === "add") return head;
  const tail = new Uint8Array(9 + entry.reason.length);
  const view = new DataView(tail.buffer);
  view.setBigUint64(0, BigInt(entry.removes));
  view.setUint8(8, entry.reason.length);
  tail.set(utf8(entry.reason), 9);
  return concatBytes(head, tail);
}

/** The inverse of `encodeEntry`, as strict: anything `encodeEntry` would not produce is refused. */
export function decodeEntry(bytes: Uint8Array): EntryParse {
  const bad = { ok: false, problem: "bad_bytes" } as const;
  if (bytes.length < 47 || bytes[0] !== FORMAT_VERSION) return bad;
  const base = { commitment: toHex(bytes.subarray(2, 34)), country: ASCII.decode(bytes.subarray(34, 37)), day: ASCII.decode(bytes.subarray(37, 47)) };
  let entry: LogEntry;
  if (bytes[1] === KIND_BYTE.add) {
    if (bytes.length !== 47) return bad;
    entry = { kind: "add", ...base };
  } else if (bytes[1] === KIND_BYTE.remove) {
    if (bytes.length < 56) return bad;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const removes = view.getBigUint64(47);
    const reasonLength = bytes[55]!;
    if (bytes.length !== 56 + reasonLength || removes > BigInt(Number.MAX_SAFE_INTEGER)) return bad;
    entry = { kind: "remove", ...base, removes: Number(removes), reason: ASCII.decode(bytes.subarray(56)) as RemovalReason };
  } else {
    return bad;
  }
  return entryProblem(entry) === null ? { ok: true, entry } : bad;
}

function entryProblem(entry: LogEntry): EntryProblem | null {
  if (entry.kind !== "add" && entry.kind !== "remove") return "bad_kind";
  if (fromHex(entry.commitment, 32) === null) return "bad_commitment";
  if (!isCountryCode(entry.country)) return "bad_country";
  if (!isLogDay(entry.day)) return "bad_day";
  if (entry.kind === "remove") {
    if (!isIndex(entry.removes)) return "bad_removes";
    if (!isRemovalReason(entry.reason)) return "bad_reason";
  }
  return null;
}

export function entryToJson(index: number, entry: LogEntry): LogEntryJson {
  return entry.kind === "add"
    ? { index, kind: "add", commitment: entry.commitment, country: entry.country, day: entry.day }
    : { index, kind: "remove", commitment: entry.commitment, country: entry.country, day: entry.day, removes: entry.removes, reason: entry.reason };
}

const ADD_FIELDS = ["index", "kind", "commitment", "country", "day"];
const REMOVE_FIELDS = [...ADD_FIELDS, "removes", "reason"];

/**
 * An entry from the entries endpoint, strictly: exactly the documented fields, the expected index,
 * and values `encodeEntry` accepts. A removal must point to an earlier entry.
 */
export function parseEntryJson(value: unknown, expectedIndex: number): EntryParse {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, problem: "not_an_object" };
  const record = value as Record<string, unknown>;
  const kind = record.kind;
  if (kind !== "add" && kind !== "remove") return { ok: false, problem: "bad_kind" };
  const fields = kind === "add" ? ADD_FIELDS : REMOVE_FIELDS;
  const keys = Object.keys(record);
  if (keys.some((key) => !fields.includes(key))) return { ok: false, problem: "unknown_field" };
  if (record.index !== expectedIndex) return { ok: false, problem: "bad_index" };
  if (typeof record.commitment !== "string" || fromHex(record.commitment, 32) === null) return { ok: false, problem: "bad_commitment" };
  if (!isCountryCode(record.country)) return { ok: false, problem: "bad_country" };
  if (!isLogDay(record.day)) return { ok: false, problem: "bad_day" };
  const base = { commitment: record.commitment, country: record.country, day: record.day };
  if (kind === "add") return { ok: true, entry: { kind, ...base } };
  if (!isIndex(record.removes) || record.removes >= expectedIndex) return { ok: false, problem: "bad_removes" };
  if (!isRemovalReason(record.reason)) return { ok: false, problem: "bad_reason" };
  return { ok: true, entry: { kind, ...base, removes: record.removes, reason: record.reason } };
}
