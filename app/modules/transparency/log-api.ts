/**
 * Where a petition's log is served and the JSON shapes of the answers (docs/transparency.md).
 * The server's routes and the verifier both take their URLs from here.
 */
import { fromHex } from "./bytes";
import { logOriginOf } from "./checkpoint";

/** The most entries one `entries` answer holds; a client asks for at most this many. */
export const ENTRIES_PAGE_MAX = 1000;
/** The most checkpoints one `checkpoints` answer holds. */
export const CHECKPOINTS_PAGE_MAX = 100;

export type LogEndpoints = {
  /** The log's origin, as checkpoints and receipts name it. */
  origin: string;
  key: string;
  checkpoint: (size?: number) => string;
  checkpoints: (after?: number) => string;
  entries: (start: number, end: number) => string;
  inclusion: (index: number, size: number) => string;
  consistency: (from: number, to: number) => string;
};

/**
 * The endpoints for a petition page's URL (`https://site/en/petitions/<slug>`, with or without the
 * language, or a log origin `https://site/petitions/<slug>`); null when the URL names no petition.
 */
export function logEndpoints(petitionUrl: string): LogEndpoints | null {
  let url: URL;
  try {
    url = new URL(petitionUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const parts = url.pathname.split("/").filter((part) => part !== "");
  const at = parts.indexOf("petitions");
  const encodedSlug = at >= 0 && at <= 1 ? parts[at + 1] : undefined;
  if (encodedSlug === undefined) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(encodedSlug);
  } catch {
    return null;
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) return null;
  const api = `${url.origin}/api/v1/petitions/${slug}/log`;
  return {
    origin: logOriginOf(url.origin, slug),
    key: `${url.origin}/api/v1/log-key`,
    checkpoint: (size) => (size === undefined ? `${api}/checkpoint` : `${api}/checkpoint?size=${size}`),
    checkpoints: (after) => (after === undefined ? `${api}/checkpoints` : `${api}/checkpoints?after=${after}`),
    entries: (start, end) => `${api}/entries?start=${start}&end=${end}`,
    inclusion: (index, size) => `${api}/proof/inclusion?index=${index}&size=${size}`,
    consistency: (from, to) => `${api}/proof/consistency?from=${from}&to=${to}`,
  };
}

export type InclusionProofJson = { index: number; size: number; proof: string[] };
export type ConsistencyProofJson = { from: number; to: number; proof: string[] };

function hashList(value: unknown): Uint8Array[] | null {
  if (!Array.isArray(value) || value.length > 128) return null;
  const hashes: Uint8Array[] = [];
  for (const item of value) {
    const hash = fromHex(item, 32);
    if (hash === null) return null;
    hashes.push(hash);
  }
  return hashes;
}

function exactly(value: unknown, fields: string[]): Record<string, unknown> | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  return keys.length === fields.length && keys.every((key) => fields.includes(key)) ? record : null;
}

/** An inclusion proof answer for exactly the index and size asked; null otherwise. */
export function parseInclusionProof(value: unknown, index: number, size: number): Uint8Array[] | null {
  const record = exactly(value, ["index", "size", "proof"]);
  if (record === null || record.index !== index || record.size !== size) return null;
  return hashList(record.proof);
}

/** A consistency proof answer for exactly the sizes asked; null otherwise. */
export function parseConsistencyProof(value: unknown, from: number, to: number): Uint8Array[] | null {
  const record = exactly(value, ["from", "to", "proof"]);
  if (record === null || record.from !== from || record.to !== to) return null;
  return hashList(record.proof);
}
