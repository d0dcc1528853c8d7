/**
 * Checkpoints: a signed statement "the log of <origin> has <size> entries, this root, these counts,
 * at this time". The signed body is text in the manner of a C2SP signed note (docs/transparency.md,
 * "Checkpoint text"); signing is in checkpoint.server.ts, verification here runs in Node and in the
 * browser (WebCrypto Ed25519).
 */
import { fromHex, sha256, toHex, utf8 } from "./bytes";
import { isCountryCode } from "./log-entry";
import type { LogCounts } from "./log-counts";

export type UnsignedCheckpoint = {
  /** The petition's canonical URL, `<site>/petitions/<slug>`: which log this is. */
  origin: string;
  size: number;
  rootHash: string;
  counts: LogCounts;
  /** ISO 8601, UTC, milliseconds: `2026-12-06T09:20:00.000Z`. */
  time: string;
  keyId: string;
};

/** What the checkpoint endpoints serve. */
export type Checkpoint = UnsignedCheckpoint & { signature: string };

/** A public key as `GET /api/v1/log-key` lists it. */
export type LogPublicKey = {
  keyId: string;
  algorithm: "Ed25519";
  /** The raw 32-byte Ed25519 public key, hex. */
  publicKey: string;
  /** Checkpoints signed with this key carry a time in [activatedAt, retiredAt). */
  activatedAt: string;
  retiredAt: string | null;
};

export type CheckpointProblem = "not_an_object" | "unknown_field" | "bad_origin" | "bad_size" | "bad_root" | "bad_counts" | "bad_time" | "bad_key_id" | "bad_signature";

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isCheckpointTime(value: unknown): value is string {
  return typeof value === "string" && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
}

/** An http(s) URL with no query, fragment, trailing slash or whitespace: one line, one spelling. */
export function isLogOrigin(value: unknown): value is string {
  if (typeof value !== "string" || /\s/.test(value) || value.endsWith("/")) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.search === "" && url.hash === "" && url.href === value;
  } catch {
    return false;
  }
}

/** The log's name for a petition: its site's origin and `/petitions/<slug>`. */
export function logOriginOf(siteOrigin: string, slug: string): string {
  return `${new URL(siteOrigin).origin}/petitions/${encodeURIComponent(slug)}`;
}

/** Key id: SHA-256 of the raw public key, hex. */
export function keyIdOf(rawPublicKey: Uint8Array): string {
  return toHex(sha256(rawPublicKey));
}

/**
 * The signed body. Lines: origin, size, root (hex), `total <n>`, `country <code> <n>` for each
 * country in code order, `time <iso>`, `key <key id>`; each ends with "\n". The key line is signed
 * too, so a signature cannot be passed off as another key's.
 */
export function checkpointBody(checkpoint: UnsignedCheckpoint): string {
  const problem = unsignedProblem(checkpoint);
  if (problem !== null) throw new RangeError(`not a valid checkpoint: ${problem}`);
  const lines = [checkpoint.origin, String(checkpoint.size), checkpoint.rootHash, `total ${checkpoint.counts.total}`];
  for (const code of Object.keys(checkpoint.counts.byCountry).sort()) lines.push(`country ${code} ${checkpoint.counts.byCountry[code]}`);
  lines.push(`time ${checkpoint.time}`, `key ${checkpoint.keyId}`);
  return lines.map((line) => `${line}\n`).join("");
}

/** The whole signed note: body, a blank line, one signature line. */
export function checkpointNote(checkpoint: Checkpoint): string {
  return `${checkpointBody(checkpoint)}\n\u2014 ${checkpoint.keyId} ${checkpoint.signature}\n`;
}

const isCount = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

function countsProblem(counts: unknown): boolean {
  if (typeof counts !== "object" || counts === null) return true;
  const { total, byCountry, ...rest } = counts as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !isCount(total) || typeof byCountry !== "object" || byCountry === null || Array.isArray(byCountry)) return true;
  const entries = Object.entries(byCountry as Record<string, unknown>);
  const sorted = entries.map(([code]) => code).every((code, i, codes) => i === 0 || codes[i - 1]! < code);
  let sum = 0;
  for (const [code, count] of entries) {
    if (!isCountryCode(code) || !isCount(count) || count === 0) return true;
    sum += count;
  }
  return !sorted || sum !== total;
}

function unsignedProblem(value: UnsignedCheckpoint): CheckpointProblem | null {
  if (!isLogOrigin(value.origin)) return "bad_origin";
  if (!isCount(value.size)) return "bad_size";
  if (fromHex(value.rootHash, 32) === null) return "bad_root";
  if (countsProblem(value.counts) || value.counts.total > value.size) return "bad_counts";
  if (!isCheckpointTime(value.time)) return "bad_time";
  if (fromHex(value.keyId, 32) === null) return "bad_key_id";
  return null;
}

const CHECKPOINT_FIELDS = ["origin", "size", "rootHash", "counts", "time", "keyId", "signature"];

/** A checkpoint from the network, strictly: the documented fields and nothing else. */
export function parseCheckpoint(value: unknown): { ok: true; checkpoint: Checkpoint } | { ok: false; problem: CheckpointProblem } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, problem: "not_an_object" };
  const record = value as Record<string, unknown>;
  if (Object.keys(record).some((key) => !CHECKPOINT_FIELDS.includes(key))) return { ok: false, problem: "unknown_field" };
  const candidate = record as unknown as Checkpoint;
  const problem = unsignedProblem(candidate);
  if (problem !== null) return { ok: false, problem };
  if (fromHex(candidate.signature, 64) === null) return { ok: false, problem: "bad_signature" };
  const counts = candidate.counts;
  return {
    ok: true,
    checkpoint: {
      origin: candidate.origin,
      size: candidate.size,
      rootHash: candidate.rootHash,
      counts: { total: counts.total, byCountry: { ...counts.byCountry } },
      time: candidate.time,
      keyId: candidate.keyId,
      signature: candidate.signature,
    },
  };
}

export type KeyProblem = "not_an_object" | "bad_key" | "key_id_mismatch";

/** A published key, strictly; its id must be the hash of its bytes. */
export function parseLogPublicKey(value: unknown): { ok: true; key: LogPublicKey } | { ok: false; problem: KeyProblem } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, problem: "not_an_object" };
  const { keyId, algorithm, publicKey, activatedAt, retiredAt, ...rest } = value as Record<string, unknown>;
  const raw = fromHex(publicKey, 32);
  if (Object.keys(rest).length > 0 || algorithm !== "Ed25519" || raw === null || typeof keyId !== "string" || !isCheckpointTime(activatedAt) || (retiredAt !== null && !isCheckpointTime(retiredAt))) {
    return { ok: false, problem: "bad_key" };
  }
  if (keyIdOf(raw) !== keyId) return { ok: false, problem: "key_id_mismatch" };
  return { ok: true, key: { keyId, algorithm, publicKey: publicKey as string, activatedAt, retiredAt: retiredAt as string | null } };
}

export type SignatureCheck = { ok: true } | { ok: false; problem: "unknown_key" | "key_not_active" | "signature_invalid" };

/** Whether one of `keys` signed this checkpoint while it was active. WebCrypto, so also in a browser. */
export async function verifyCheckpointSignature(checkpoint: Checkpoint, keys: readonly LogPublicKey[], subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<SignatureCheck> {
  const key = keys.find((candidate) => candidate.keyId === checkpoint.keyId);
  if (key === undefined) return { ok: false, problem: "unknown_key" };
  if (checkpoint.time < key.activatedAt || (key.retiredAt !== null && checkpoint.time >= key.retiredAt)) return { ok: false, problem: "key_not_active" };
  const raw = fromHex(key.publicKey, 32);
  const signature = fromHex(checkpoint.signature, 64);
  if (raw === null || signature === null || keyIdOf(raw) !== key.keyId) return { ok: false, problem: "unknown_key" };
  try {
    const publicKey = await subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
    const valid = await subtle.verify({ name: "Ed25519" }, publicKey, signature, utf8(checkpointBody(checkpoint)));
    return valid ? { ok: true } : { ok: false, problem: "signature_invalid" };
  } catch {
    // 32 bytes that are not a point on the curve: no checkpoint verifies with them.
    return { ok: false, problem: "signature_invalid" };
  }
}
