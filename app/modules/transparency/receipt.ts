/**
 * A signer's receipt: enough to find their entry and prove it is theirs, nothing about who they are.
 * The secret and the signature id recompute the commitment the entry carries; anyone holding the
 * receipt can then ask for an inclusion proof against any later checkpoint.
 */
import { fromHex, toHex } from "./bytes";
import { isLogOrigin } from "./checkpoint";
import { commitmentOf, isSignatureUuid } from "./log-entry";

export type Receipt = {
  version: 1;
  /** The log's origin: the petition's canonical URL. */
  petition: string;
  index: number;
  /** The signature's public uuid (lower case). */
  signatureId: string;
  /** 32 random bytes, hex. */
  secret: string;
  commitment: string;
};

export type ReceiptProblem = "not_json" | "not_an_object" | "unknown_field" | "bad_version" | "bad_petition" | "bad_index" | "bad_signature_id" | "bad_secret" | "commitment_mismatch";

const FIELDS = ["version", "petition", "index", "signatureId", "secret", "commitment"];

export function makeReceipt(petition: string, index: number, signatureId: string, secret: Uint8Array): Receipt {
  const checked = parseReceipt({ version: 1, petition, index, signatureId, secret: toHex(secret), commitment: commitmentOf(signatureId, secret) });
  if (!checked.ok) throw new RangeError(`not a valid receipt: ${checked.problem}`);
  return checked.receipt;
}

/** A receipt as pasted or read from a file (text) or already parsed (object). */
export function parseReceipt(input: unknown): { ok: true; receipt: Receipt } | { ok: false; problem: ReceiptProblem } {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, problem: "not_json" };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, problem: "not_an_object" };
  const record = value as Record<string, unknown>;
  if (Object.keys(record).some((key) => !FIELDS.includes(key))) return { ok: false, problem: "unknown_field" };
  if (record.version !== 1) return { ok: false, problem: "bad_version" };
  if (!isLogOrigin(record.petition)) return { ok: false, problem: "bad_petition" };
  if (typeof record.index !== "number" || !Number.isSafeInteger(record.index) || record.index < 0) return { ok: false, problem: "bad_index" };
  if (!isSignatureUuid(record.signatureId)) return { ok: false, problem: "bad_signature_id" };
  const secret = fromHex(record.secret, 32);
  if (secret === null) return { ok: false, problem: "bad_secret" };
  const commitment = commitmentOf(record.signatureId, secret);
  if (record.commitment !== commitment) return { ok: false, problem: "commitment_mismatch" };
  return { ok: true, receipt: { version: 1, petition: record.petition, index: record.index, signatureId: record.signatureId, secret: record.secret as string, commitment } };
}
