/**
 * Runs the verifier for the verify page: in the browser, against this page's own origin, with
 * WebCrypto. Says plainly when it cannot (no WebCrypto, or no Ed25519 in it) and when there is
 * nothing to check yet (no checkpoint published), rather than reporting a failure.
 */
import type { Receipt } from "~/modules/transparency/receipt";
import { verifyLog, type FetchLike, type VerifyFailure, type VerifyProgress, type VerifyResult } from "~/modules/transparency/verify";

export type LogCheckOutcome =
  | { kind: "no_crypto" }
  | { kind: "no_ed25519" }
  | { kind: "no_checkpoint" }
  | { kind: "verified"; result: Extract<VerifyResult, { ok: true }> }
  | { kind: "failed"; failure: VerifyFailure };

/** RFC 8032 §7.1, test 1: a valid Ed25519 public key, to ask whether this browser imports one at all. */
const PROBE_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

export async function supportsEd25519(subtle: SubtleCrypto): Promise<boolean> {
  const raw = Uint8Array.from(PROBE_KEY.match(/../gu)!, (pair) => parseInt(pair, 16));
  try {
    await subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A fetch that asks `pageOrigin` for what the log names at `logSite`: the log's origin is the
 * site's public address (checkpoints and receipts name it), while the page may be reached under
 * another name (a local address, a mirror); the answers are checked against the public one all the same.
 */
export function sameOriginFetch(logSite: string, pageOrigin: string, fetch: FetchLike): FetchLike {
  const site = new URL(logSite).origin;
  return (url) => fetch(url.startsWith(`${site}/`) ? `${pageOrigin}${url.slice(site.length)}` : url);
}

export async function checkLog({
  logOrigin,
  fetch,
  subtle,
  receipt,
  onProgress,
}: {
  logOrigin: string;
  fetch: FetchLike;
  subtle: SubtleCrypto | undefined;
  receipt?: Receipt;
  onProgress?: (progress: VerifyProgress) => void;
}): Promise<LogCheckOutcome> {
  if (subtle === undefined) return { kind: "no_crypto" };
  if (!(await supportsEd25519(subtle))) return { kind: "no_ed25519" };
  const result = await verifyLog({ petitionUrl: logOrigin, fetch, subtle, receipt, onProgress });
  if (result.ok) return { kind: "verified", result };
  // Before the first checkpoint nothing is wrong: there is nothing to check yet.
  return result.failure.code === "no_checkpoint" ? { kind: "no_checkpoint" } : { kind: "failed", failure: result.failure };
}
