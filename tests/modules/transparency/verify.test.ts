import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "~/modules/transparency/bytes";
import { type Checkpoint } from "~/modules/transparency/checkpoint";
import { generateLogSigningKey, publicKeyJson, signCheckpoint } from "~/modules/transparency/checkpoint.server";
import { INVALIDATION_RULES, type LogEntry, type RemovalReason } from "~/modules/transparency/log-entry";
import { inclusionPlan, planNodes } from "~/modules/transparency/merkle";
import { verifyLog, type VerifyFailureCode, type VerifyResult } from "~/modules/transparency/verify";
import { KEY_ACTIVATED, entriesFromSteps, serveLog, type LogStep, type ServedLog } from "../../support/transparency-log";

const { key } = generateLogSigningKey();
const { key: otherKey } = generateLogSigningKey();
const COUNTRIES = ["FRA", "KEN", "NZL", "EUU"];

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + (n % 28))).toISOString().slice(0, 10);
const reasons: RemovalReason[] = ["withdrawn", ...INVALIDATION_RULES.map((rule) => `invalidated:${rule}` as const)];

const stepArb: fc.Arbitrary<LogStep> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("add" as const), country: fc.constantFrom(...COUNTRIES), day: fc.nat(60).map(day) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("remove" as const), pick: fc.nat(), reason: fc.constantFrom(...reasons), day: fc.nat(60).map(day) }) },
);

/** A valid log with at least two entries and checkpoints somewhere along it, always one at its end. */
const logArb = fc
  .array(stepArb, { minLength: 2, maxLength: 60 })
  .map(entriesFromSteps)
  .filter((entries) => entries.length >= 2)
  .chain((entries) =>
    fc.record({
      entries: fc.constant(entries),
      checkpointAt: fc.uniqueArray(fc.integer({ min: 1, max: entries.length - 1 }), { maxLength: 4 }).map((sizes) => [...sizes.sort((a, b) => a - b), entries.length]),
      pageSize: fc.integer({ min: 1, max: 25 }),
    }),
  );

function failureOf(result: VerifyResult): VerifyFailureCode | "ok" {
  return result.ok ? "ok" : result.failure.code;
}

const verify = (log: ServedLog, extra: Partial<Parameters<typeof verifyLog>[0]> = {}) => verifyLog({ petitionUrl: log.petitionUrl, fetch: log.fetch, ...extra });

describe("verifying an honest log", () => {
  it("rebuilds the tree, checks every checkpoint and consistency proof and counts additions minus removals", async () => {
    const entries = entriesFromSteps([
      { op: "add", country: "FRA", day: "2026-11-01" },
      { op: "add", country: "KEN", day: "2026-11-01" },
      { op: "add", country: "FRA", day: "2026-11-02" },
      { op: "remove", pick: 0, reason: "withdrawn", day: "2026-11-03" },
      { op: "add", country: "NZL", day: "2026-11-03" },
      { op: "remove", pick: 1, reason: "invalidated:duplicate", day: "2026-11-04" },
    ]);
    const log = serveLog({ entries, checkpointAt: [0, 2, 5, 6], key });
    const progress: string[] = [];
    const result = await verify(log, { pageSize: 4, onProgress: (p) => progress.push(p.stage) });
    expect(result).toEqual({ ok: true, origin: "https://treaty.example/petitions/ban-the-bomb", size: 6, counts: { total: 2, byCountry: { KEN: 1, NZL: 1 } }, checkpoints: 4, latest: log.checkpoints[3], receipt: null });
    expect(progress).toEqual(["keys", "checkpoints", "entries", "entries", "consistency", "consistency"]);
    expect(log.requests.filter((path) => path.endsWith("/proof/consistency"))).toHaveLength(2);
  });

  it("answers for a receipt: counted, or removed with the removal's reason", async () => {
    const entries = entriesFromSteps([
      { op: "add", country: "FRA", day: "2026-11-01" },
      { op: "add", country: "KEN", day: "2026-11-01" },
      { op: "remove", pick: 1, reason: "invalidated:trending-review", day: "2026-11-02" },
    ]);
    const log = serveLog({ entries, checkpointAt: [3], key });
    const counted = await verify(log, { receipt: log.receiptFor(0) });
    expect(counted.ok && counted.receipt).toEqual({ index: 0, status: "counted" });
    const removed = await verify(log, { receipt: log.receiptFor(1) });
    expect(removed.ok && removed.receipt).toEqual({ index: 1, status: "removed", removedBy: 2, reason: "invalidated:trending-review" });
    expect(log.requests.filter((path) => path.endsWith("/proof/inclusion"))).toHaveLength(2);
  });

  it("says a receipt newer than the latest checkpoint is pending, proving nothing about it yet", async () => {
    const entries = entriesFromSteps([
      { op: "add", country: "FRA", day: "2026-11-01" },
      { op: "add", country: "KEN", day: "2026-11-01" },
    ]);
    const log = serveLog({ entries, checkpointAt: [1], key });
    const pending = await verify(log, { receipt: log.receiptFor(1) });
    expect(pending.ok && pending.receipt).toEqual({ index: 1, status: "pending", checkpointSize: 1 });
    expect(log.requests.filter((path) => path.endsWith("/proof/inclusion"))).toHaveLength(0);
  });

  it("verifies an empty log at size 0", async () => {
    const log = serveLog({ entries: [], checkpointAt: [0], key });
    expect(await verify(log)).toMatchObject({ ok: true, size: 0, counts: { total: 0, byCountry: {} } });
  });

  it("accepts checkpoints of a retired key while it was active, next to the current key", async () => {
    const entries = entriesFromSteps([{ op: "add", country: "FRA", day: "2026-11-01" }, { op: "add", country: "KEN", day: "2026-11-01" }]);
    const old = serveLog({ entries: entries.slice(0, 1), checkpointAt: [1], key: otherKey });
    const log = serveLog({ entries, checkpointAt: [2], key, keys: [publicKeyJson(otherKey, KEY_ACTIVATED, "2026-12-01T00:00:30.000Z"), publicKeyJson(key, "2026-12-01T00:00:30.000Z")] });
    log.checkpoints[0] = signCheckpoint({ ...log.checkpoints[0]!, time: "2026-12-01T00:05:00.000Z" }, key);
    log.checkpoints.unshift(old.checkpoints[0]!);
    expect(failureOf(await verify(log))).toBe("ok");
    // The retired key signs nothing after its retirement.
    const late = signCheckpoint({ ...log.checkpoints[1]!, time: "2026-12-02T00:00:00.000Z" }, otherKey);
    log.checkpoints.push(late);
    expect(failureOf(await verify(log))).toBe("checkpoint_signature");
  });
});

describe("what the verifier catches (property tests)", () => {
  const runs = { numRuns: 40 };

  it("any honest log verifies, whatever the page size", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, async ({ entries, checkpointAt, pageSize }) => {
        const log = serveLog({ entries, checkpointAt, key });
        const result = await verify(log, { pageSize });
        expect(failureOf(result)).toBe("ok");
      }),
      runs,
    );
  });

  it("an entry changed after signing (any field) fails on the root or the entry rules", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, fc.nat(), fc.constantFrom("commitment", "country", "day", "kind"), async ({ entries, checkpointAt }, pick, field) => {
        const log = serveLog({ entries, checkpointAt, key });
        const index = pick % entries.length;
        const served = log.entries[index]!;
        if (field === "commitment") served.commitment = toHex(new Uint8Array(32).fill(index + 1));
        if (field === "country") served.country = served.country === "FRA" ? "DEU" : "FRA";
        if (field === "day") served.day = served.day === "2026-01-01" ? "2026-01-02" : "2026-01-01";
        if (field === "kind" && served.kind === "add") log.entries[index] = { ...served, kind: "remove", removes: 0, reason: "withdrawn" };
        if (field === "kind" && served.kind === "remove") log.entries[index] = { index, kind: "add", commitment: served.commitment, country: served.country, day: served.day };
        const code = failureOf(await verify(log));
        expect(["root_mismatch", "removal_invalid", "entry_invalid", "counts_mismatch"]).toContain(code);
      }),
      runs,
    );
  });

  it("a removal hidden from the entries fails, and so does a log rewritten and re-signed without it", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, fc.nat(), async ({ entries, checkpointAt }, pick) => {
        const removals = entries.flatMap((entry, index) => (entry.kind === "remove" ? [index] : []));
        fc.pre(removals.length > 0);
        const hidden = removals[pick % removals.length]!;
        // 1. The server serves the entries without it, checkpoints as signed.
        const log = serveLog({ entries, checkpointAt, key });
        log.entries = log.entries.filter((entry) => entry.index !== hidden).map((entry, index) => ({ ...entry, index }));
        expect(["root_mismatch", "counts_mismatch", "entries_missing", "entry_invalid", "removal_invalid"]).toContain(failureOf(await verify(log)));
        // 2. The server rewrites its log without it and signs it anew; a verifier that kept an
        //    earlier checkpoint containing the removal sees the history was rewritten.
        const honest = serveLog({ entries, checkpointAt, key });
        const kept = honest.checkpoints.find((checkpoint) => checkpoint.size > hidden)!;
        const rewritten = entriesFromLog(entries, hidden);
        fc.pre(rewritten !== null);
        const forged = serveLog({ entries: rewritten!, checkpointAt: [rewritten!.length], key });
        const code = failureOf(await verify(forged, { known: [kept] }));
        expect(["root_mismatch", "counts_mismatch", "checkpoint_order", "checkpoint_conflict", "consistency_invalid"]).toContain(code);
      }),
      runs,
    );
  });

  it("a checkpoint rewritten (root, counts or time) fails on its signature, and re-signed fails on the entries", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, fc.nat(), fc.constantFrom("root", "total", "country", "time"), async ({ entries, checkpointAt }, pick, field) => {
        const log = serveLog({ entries, checkpointAt, key });
        const at = pick % log.checkpoints.length;
        const original = log.checkpoints[at]!;
        const changed: Checkpoint = structuredClone(original);
        if (field === "root") changed.rootHash = toHex(new Uint8Array(32).fill(7));
        if (field === "total") {
          // One signature fewer (or one more where none is counted): a count that still adds up.
          const [first] = Object.keys(changed.counts.byCountry);
          if (first === undefined) changed.counts = { total: 1, byCountry: { FRA: 1 } };
          else {
            changed.counts.total -= 1;
            changed.counts.byCountry[first]! -= 1;
            if (changed.counts.byCountry[first] === 0) delete changed.counts.byCountry[first];
          }
        }
        if (field === "country") changed.counts = { total: Math.max(1, changed.counts.total), byCountry: { ZZZ: Math.max(1, changed.counts.total) } };
        if (field === "time") changed.time = "2026-12-01T00:00:00.000Z" === original.time ? "2026-12-01T00:00:00.001Z" : "2026-12-01T00:00:00.000Z";
        if (field === "time" && at === 0) fc.pre(false);
        log.checkpoints[at] = changed;
        expect(failureOf(await verify(log))).toBe("checkpoint_signature");
        if (field === "time") return;
        log.checkpoints[at] = signCheckpoint(changed, key);
        expect(["root_mismatch", "counts_mismatch"]).toContain(failureOf(await verify(log)));
      }),
      runs,
    );
  });

  it("a reordered log fails", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, fc.nat(), fc.nat(), async ({ entries, checkpointAt }, a, b) => {
        const i = a % entries.length;
        const j = b % entries.length;
        fc.pre(JSON.stringify(entries[i]) !== JSON.stringify(entries[j]));
        const log = serveLog({ entries, checkpointAt, key });
        const swapped = [...log.entries];
        [swapped[i], swapped[j]] = [{ ...swapped[j]!, index: i }, { ...swapped[i]!, index: j }];
        log.entries = swapped;
        expect(["root_mismatch", "removal_invalid", "entry_invalid", "counts_mismatch"]).toContain(failureOf(await verify(log)));
      }),
      runs,
    );
  });

  it("a forged signature or a signature by a key not published fails", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, fc.nat(), fc.nat(63), async ({ entries, checkpointAt }, pick, byte) => {
        const log = serveLog({ entries, checkpointAt, key });
        const at = pick % log.checkpoints.length;
        const checkpoint = log.checkpoints[at]!;
        const bytes = checkpoint.signature.match(/../g)!;
        bytes[byte] = ((Number.parseInt(bytes[byte]!, 16) + 1) % 256).toString(16).padStart(2, "0");
        log.checkpoints[at] = { ...checkpoint, signature: bytes.join("") };
        expect(failureOf(await verify(log))).toBe("checkpoint_signature");
        log.checkpoints[at] = signCheckpoint(checkpoint, otherKey);
        expect(failureOf(await verify(log))).toBe("checkpoint_signature");
      }),
      runs,
    );
  });

  it("a wrong proof from the server fails, and a receipt whose entry was swapped fails", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, fc.nat(), async ({ entries, checkpointAt }, pick) => {
        const adds = entries.flatMap((entry, index) => (entry.kind === "add" ? [index] : []));
        const index = adds[pick % adds.length]!;
        const log = serveLog({ entries, checkpointAt, key });
        // Damage a stored node the receipt's inclusion proof needs: the proof no longer leads to the root.
        const [needed] = planNodes(inclusionPlan(index, entries.length));
        fc.pre(needed !== undefined);
        log.nodes.set(`${needed!.level}:${needed!.index}`, new Uint8Array(32).fill(9));
        expect(["consistency_invalid", "inclusion_invalid"]).toContain(failureOf(await verify(log, { receipt: log.receiptFor(index) })));
        const other = serveLog({ entries, checkpointAt, key });
        const receipt = { ...other.receiptFor(index), index: adds.find((candidate) => candidate !== index) ?? index };
        if (receipt.index !== index) expect(failureOf(await verify(other, { receipt }))).toBe("receipt_entry_mismatch");
      }),
      runs,
    );
  });
});

describe("servers that misbehave in other ways", () => {
  const entries = entriesFromSteps([
    { op: "add", country: "FRA", day: "2026-11-01" },
    { op: "add", country: "KEN", day: "2026-11-01" },
    { op: "add", country: "KEN", day: "2026-11-02" },
  ]);

  it("refuses a removal that breaks the rules even when the server signed it", async () => {
    const invalid: LogEntry[] = [...entries, { kind: "remove", commitment: entries[0]!.commitment, country: "KEN", day: "2026-11-03", removes: 0, reason: "withdrawn" }];
    expect(failureOf(await verify(serveLog({ entries: invalid, checkpointAt: [4], key })))).toBe("removal_invalid");
    const twice: LogEntry[] = [...entries, { kind: "remove", commitment: entries[0]!.commitment, country: "FRA", day: "2026-11-03", removes: 0, reason: "withdrawn" }];
    twice.push({ ...twice[3]!, reason: "invalidated:moderation" } as LogEntry);
    expect(failureOf(await verify(serveLog({ entries: twice, checkpointAt: [5], key })))).toBe("removal_invalid");
  });

  it("catches a checkpoint that goes backwards, one that is missing entries, and a conflicting one", async () => {
    const log = serveLog({ entries, checkpointAt: [2, 3], key });
    const kept = log.checkpoints[1]!;
    log.checkpoints.pop();
    expect(failureOf(await verify(log, { known: [kept] }))).toBe("checkpoint_order");

    const short = serveLog({ entries, checkpointAt: [3], key });
    short.entries.pop();
    expect(failureOf(await verify(short))).toBe("entries_missing");

    const fork = serveLog({ entries: entriesFromSteps([{ op: "add", country: "NZL", day: "2026-11-01" }, { op: "add", country: "NZL", day: "2026-11-01" }, { op: "add", country: "NZL", day: "2026-11-01" }]), checkpointAt: [3], key });
    const honest = serveLog({ entries, checkpointAt: [3], key });
    expect(failureOf(await verify(honest, { known: [{ ...fork.checkpoints[0]!, time: "2026-12-01T00:00:00.001Z" }] }))).toBe("checkpoint_signature");
    expect(failureOf(await verify(honest, { known: fork.checkpoints }))).toBe("checkpoint_conflict");
  });

  it("says which request failed, and refuses a checkpoint for another petition", async () => {
    const log = serveLog({ entries, checkpointAt: [3], key });
    const down = await verifyLog({ petitionUrl: log.petitionUrl, fetch: async () => ({ ok: false, status: 503, json: async () => ({}) }) });
    expect(down).toEqual({ ok: false, failure: { code: "http_error", message: "https://treaty.example/api/v1/log-key: HTTP 503" } });
    expect(failureOf(await verifyLog({ petitionUrl: "https://treaty.example/about", fetch: log.fetch }))).toBe("bad_petition_url");
    const elsewhere = serveLog({ slug: "another", entries, checkpointAt: [3], key });
    log.checkpoints = elsewhere.checkpoints;
    expect(failureOf(await verify(log))).toBe("checkpoint_origin");
    const receipt = { ...elsewhere.receiptFor(0) };
    expect(failureOf(await verify(serveLog({ entries, checkpointAt: [3], key }), { receipt }))).toBe("receipt_petition");
  });

  it("says plainly when there is nothing to verify yet, or no such petition, instead of a bare HTTP 404", async () => {
    // A fresh server: no checkpoint signed, so no key listed either.
    const fresh = serveLog({ entries, checkpointAt: [], key });
    fresh.keys = [];
    expect(await verify(fresh)).toEqual({
      ok: false,
      failure: {
        code: "no_checkpoint",
        message: "https://treaty.example/petitions/ban-the-bomb has no signed checkpoint yet, so there is nothing to verify: the server signs one at intervals once a signature is confirmed (a server without a log signing key signs none). Try again later.",
      },
    });
    // A server that published a checkpoint before and now has none is not "too early": it went back.
    const signed = serveLog({ entries, checkpointAt: [3], key });
    const emptied = serveLog({ entries, checkpointAt: [], key });
    expect(failureOf(await verify(emptied, { known: signed.checkpoints }))).toBe("checkpoint_order");
    // Listing checkpoints but answering 404 for the latest is the server's fault, not a wait.
    const broken = serveLog({ entries, checkpointAt: [3], key });
    const result = await verifyLog({ petitionUrl: broken.petitionUrl, fetch: async (url) => (url.endsWith("/log/checkpoint") ? { ok: false, status: 404, json: async () => ({ error: "not_found" }) } : broken.fetch(url)) });
    expect(result).toEqual({ ok: false, failure: { code: "http_error", message: "https://treaty.example/api/v1/petitions/ban-the-bomb/log/checkpoint: HTTP 404, yet the server lists 1 checkpoint(s)" } });
    // An address of a petition the server does not have.
    const elsewhere = await verifyLog({ petitionUrl: "https://treaty.example/en/petitions/no-such-petition", fetch: signed.fetch });
    expect(elsewhere).toEqual({
      ok: false,
      failure: { code: "no_petition", message: "https://treaty.example/api/v1/petitions/no-such-petition/log/checkpoints: HTTP 404: the server has no published petition at https://treaty.example/petitions/no-such-petition" },
    });
    // A server with checkpoints but no key listed still fails on the key.
    const keyless = serveLog({ entries, checkpointAt: [3], key });
    keyless.keys = [];
    expect(failureOf(await verify(keyless))).toBe("no_key");
  });

  it("refuses malformed answers", async () => {
    const log = serveLog({ entries, checkpointAt: [3], key });
    log.entries[1] = { ...log.entries[1]!, extra: "x" } as never;
    expect(failureOf(await verify(log))).toBe("entry_invalid");
    const keyless = serveLog({ entries, checkpointAt: [3], key });
    keyless.keys = [];
    expect(failureOf(await verify(keyless))).toBe("no_key");
    const lying = serveLog({ entries, checkpointAt: [3], key });
    lying.keys = [{ ...lying.keys[0]!, keyId: toHex(new Uint8Array(32)) }];
    expect(failureOf(await verify(lying))).toBe("bad_response");
  });
});

/** The entries without the removal at `hidden` (later removals renumbered), or null if that is not a valid log. */
function entriesFromLog(entries: readonly LogEntry[], hidden: number): LogEntry[] | null {
  const out: LogEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    if (index === hidden) continue;
    if (entry.kind === "add") out.push(entry);
    else out.push({ ...entry, removes: entry.removes > hidden ? entry.removes - 1 : entry.removes });
  }
  return out.length > 0 ? out : null;
}
