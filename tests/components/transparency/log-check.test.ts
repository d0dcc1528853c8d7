import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLog, sameOriginFetch, supportsEd25519 } from "~/components/transparency/log-check";
import { generateLogSigningKey } from "~/modules/transparency/checkpoint.server";
import type { FetchLike } from "~/modules/transparency/verify";
import { entriesFromSteps, serveLog } from "../../support/transparency-log";

const { key } = generateLogSigningKey();
const subtle = webcrypto.subtle as SubtleCrypto;
const entries = entriesFromSteps([
  { op: "add", country: "FRA", day: "2026-11-01" },
  { op: "add", country: "KEN", day: "2026-11-01" },
  { op: "remove", pick: 0, reason: "invalidated:moderation", day: "2026-11-02" },
  { op: "add", country: "FRA", day: "2026-11-02" },
]);

/** A subtle that knows no Ed25519, as some browsers' do not. */
const withoutEd25519 = {
  importKey: async () => {
    throw new DOMException("Unrecognized name.", "NotSupportedError");
  },
} as unknown as SubtleCrypto;

describe("the verify page's check", () => {
  it("verifies an honest log and reports its count and size", async () => {
    const log = serveLog({ entries, checkpointAt: [2, 4], key });
    const stages: string[] = [];
    const outcome = await checkLog({ logOrigin: log.origin, fetch: log.fetch, subtle, onProgress: (p) => stages.push(p.stage) });
    expect(outcome.kind).toBe("verified");
    if (outcome.kind !== "verified") return;
    expect(outcome.result.counts).toEqual({ total: 2, byCountry: { FRA: 1, KEN: 1 } });
    expect(outcome.result.size).toBe(4);
    expect(outcome.result.latest.time).toBe(log.checkpoints[1]!.time);
    expect(stages).toContain("entries");
  });

  it("says the receipt's signature is counted, or by which entry and why it was removed", async () => {
    const log = serveLog({ entries, checkpointAt: [4], key });
    const counted = await checkLog({ logOrigin: log.origin, fetch: log.fetch, subtle, receipt: log.receiptFor(1) });
    expect(counted.kind === "verified" && counted.result.receipt).toEqual({ index: 1, status: "counted" });
    const removed = await checkLog({ logOrigin: log.origin, fetch: log.fetch, subtle, receipt: log.receiptFor(0) });
    expect(removed.kind === "verified" && removed.result.receipt).toEqual({ index: 0, status: "removed", removedBy: 2, reason: "invalidated:moderation" });
  });

  it("says there is nothing to check yet before the first checkpoint, rather than failing", async () => {
    const log = serveLog({ entries, checkpointAt: [], key });
    expect(await checkLog({ logOrigin: log.origin, fetch: log.fetch, subtle })).toEqual({ kind: "no_checkpoint" });
  });

  it("reports a tampered log as the verifier's failure", async () => {
    const log = serveLog({ entries, checkpointAt: [4], key });
    log.entries[3] = { ...log.entries[3]!, country: "KEN" };
    const outcome = await checkLog({ logOrigin: log.origin, fetch: log.fetch, subtle });
    expect(outcome.kind === "failed" && outcome.failure.code).toBe("root_mismatch");
  });

  it("says so plainly when the browser has no WebCrypto, or no Ed25519 in it, and asks the server nothing", async () => {
    const log = serveLog({ entries, checkpointAt: [4], key });
    expect(await checkLog({ logOrigin: log.origin, fetch: log.fetch, subtle: undefined })).toEqual({ kind: "no_crypto" });
    expect(await checkLog({ logOrigin: log.origin, fetch: log.fetch, subtle: withoutEd25519 })).toEqual({ kind: "no_ed25519" });
    expect(log.requests).toEqual([]);
    expect(await supportsEd25519(subtle)).toBe(true);
  });
});

describe("asking the page's own origin for the log", () => {
  it("sends requests for the log's public address to the page's origin, and others as they are", async () => {
    const asked: string[] = [];
    const record: FetchLike = async (url) => {
      asked.push(url);
      return { ok: true, status: 200, json: async () => ({}) };
    };
    const fetch = sameOriginFetch("https://treaty.example/petitions/ban-the-bomb", "http://127.0.0.1:3700", record);
    await fetch("https://treaty.example/api/v1/log-key");
    await fetch("https://treaty.example/api/v1/petitions/ban-the-bomb/log/entries?start=0&end=4");
    await fetch("https://treaty.example.org/api/v1/log-key");
    expect(asked).toEqual(["http://127.0.0.1:3700/api/v1/log-key", "http://127.0.0.1:3700/api/v1/petitions/ban-the-bomb/log/entries?start=0&end=4", "https://treaty.example.org/api/v1/log-key"]);
  });

  it("still holds the log to its public address: checkpoints naming the page's own address are refused", async () => {
    // The server at 127.0.0.1 serves a log whose checkpoints name it, not the public address the page names.
    const local = serveLog({ site: "http://127.0.0.1:3700", entries, checkpointAt: [4], key });
    const fetch = sameOriginFetch("https://treaty.example", "http://127.0.0.1:3700", local.fetch);
    const outcome = await checkLog({ logOrigin: "https://treaty.example/petitions/ban-the-bomb", fetch, subtle });
    expect(outcome.kind === "failed" && outcome.failure.code).toBe("checkpoint_origin");
  });
});
