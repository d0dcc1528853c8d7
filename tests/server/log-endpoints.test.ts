/**
 * The public signature-log endpoints' HTTP contract (docs/transparency.md, "Endpoints"): status
 * codes, `{"error": …}` bodies, open CORS, caching by how long an answer stays true, and JSON in
 * exactly the documented shapes, lower-case hex, on the real app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { fromHex } from "~/modules/transparency/bytes";
import type { Checkpoint } from "~/modules/transparency/checkpoint";
import { generateLogSigningKey } from "~/modules/transparency/checkpoint.server";
import { publishCheckpoint, type Publisher } from "~/modules/transparency/checkpoint-publisher.server";
import { appendQueuedEntries } from "~/modules/transparency/log-append.server";
import { encodeEntry, parseEntryJson, type LogEntryJson } from "~/modules/transparency/log-entry";
import { leafHash, verifyConsistency, verifyInclusion } from "~/modules/transparency/merkle";
import { verifyLog, type FetchLike } from "~/modules/transparency/verify";
import type { PetitionRow } from "~/modules/petition/petition.repo.server";
import { validateSignature } from "~/modules/petition/signature-form";
import { confirmSignature, signPetition, withdrawSignature } from "~/modules/petition/signing.service.server";
import { DEMO_PETITION, demoPetition, mailsTo, testSigningConfig, tokenFromMail } from "../support/petition";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";

const LOG = `/api/v1/petitions/${DEMO_PETITION}/log`;
const ORIGIN = `${TEST_PUBLIC_URL}/petitions/${DEMO_PETITION}`;
const HEX64 = /^[0-9a-f]{64}$/u;
const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = /^public, max-age=\d+, stale-while-revalidate=\d+$/u;
const secrets = ["test-secret"];

let server: TestServer;
let petition: PetitionRow;
let publisher: Publisher;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(server.database.db);
  petition = await demoPetition(server.database.db);
  publisher = { key: generateLogSigningKey().key, siteOrigin: TEST_PUBLIC_URL };
});
afterAll(async () => server?.close());

/** The verifier reaches the app under its public address. */
const viaPublicAddress: FetchLike = (url) => fetch(url.replace(TEST_PUBLIC_URL, server.base));

async function signAndConfirm(email: string, country: string): Promise<string> {
  const checked = validateSignature({ name: "Ann Lee", email, country, comment: "", showName: false, mailConsent: false }, "", () => true);
  if (!checked.ok) throw new Error("bad test person");
  const signed = await signPetition(server.database.db, { petition, petitionTitle: "T", signature: checked.signature, lng: "en", honeypotFilled: false, fillMs: 5000, ipHash: `ip-${email}` }, { config: testSigningConfig(), now: new Date() });
  if (signed.kind !== "signed") throw new Error(signed.kind);
  const [mail] = await mailsTo(server.database.db, email);
  expect((await confirmSignature(server.database.db, tokenFromMail(mail!, "confirm", secrets), { config: testSigningConfig(), secrets, now: new Date() })).kind).toBe("confirmed");
  return tokenFromMail(mail!, "withdraw", secrets);
}

/** A JSON answer: its status, body and the headers the contract names. */
async function get(path: string) {
  const response = await server.get(path);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/u);
  return { status: response.status, body: (await response.json()) as unknown, cors: response.headers.get("access-control-allow-origin"), cache: response.headers.get("cache-control") };
}

/** A refusal: the status, `{"error": code}` exactly, open to any origin, not cached. */
async function expectError(path: string, status: 400 | 404, code = status === 400 ? "bad_request" : "not_found") {
  const answer = await get(path);
  expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status, body: { error: code } });
  expect(answer.cors).toBe("*");
  expect(answer.cache).toBe("no-store");
}

function expectCheckpointShape(value: unknown): asserts value is Checkpoint {
  const checkpoint = value as Checkpoint;
  expect(Object.keys(checkpoint).sort()).toEqual(["counts", "keyId", "origin", "rootHash", "signature", "size", "time"]);
  expect(Object.keys(checkpoint.counts).sort()).toEqual(["byCountry", "total"]);
  expect(checkpoint.origin).toBe(ORIGIN);
  expect(Number.isSafeInteger(checkpoint.size)).toBe(true);
  expect(checkpoint.rootHash).toMatch(HEX64);
  expect(checkpoint.keyId).toMatch(HEX64);
  expect(checkpoint.signature).toMatch(/^[0-9a-f]{128}$/u);
  expect(checkpoint.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u);
  expect(Object.keys(checkpoint.counts.byCountry)).toEqual(Object.keys(checkpoint.counts.byCountry).sort());
}

const entryFields = (entry: LogEntryJson) => Object.keys(entry).sort();

describe("before the first checkpoint", () => {
  it("answers 404 for the latest checkpoint, an empty list, no key; the verifier says there is nothing to verify yet", async () => {
    await expectError(`${LOG}/checkpoint`, 404);
    const list = await get(`${LOG}/checkpoints`);
    expect(list).toMatchObject({ status: 200, body: { checkpoints: [], next: null }, cors: "*" });
    expect(list.cache).toMatch(SHORT);
    const keys = await get("/api/v1/log-key");
    expect(keys).toMatchObject({ status: 200, body: { keys: [] }, cors: "*" });
    expect(keys.cache).toMatch(SHORT);

    const result = await verifyLog({ petitionUrl: `${TEST_PUBLIC_URL}/en/petitions/${DEMO_PETITION}`, fetch: viaPublicAddress });
    expect(result).toMatchObject({ ok: false, failure: { code: "no_checkpoint" } });
  });

  it("answers 404 for a petition that does not exist, on every log endpoint", async () => {
    const unknown = "/api/v1/petitions/no-such-petition/log";
    for (const path of ["/checkpoint", "/checkpoint?size=1", "/checkpoints", "/entries?start=0&end=1", "/proof/inclusion?index=0&size=1", "/proof/consistency?from=1&to=1"]) {
      await expectError(`${unknown}${path}`, 404, "petition_not_found");
    }
  });
});

describe("a log with entries and checkpoints", () => {
  let first: Checkpoint;
  let latest: Checkpoint;
  let entries: LogEntryJson[];

  beforeAll(async () => {
    const db = server.database.db;
    await signAndConfirm("ann@example.org", "FRA");
    const bobWithdraws = await signAndConfirm("bob@example.org", "KEN");
    await signAndConfirm("cy@example.org", "KEN");
    await appendQueuedEntries(db);
    first = (await publishCheckpoint(db, petition.id, publisher))!;
    expect((await withdrawSignature(db, bobWithdraws, secrets, true)).kind).toBe("withdrawn");
    latest = (await publishCheckpoint(db, petition.id, publisher))!;
    expect([first.size, latest.size]).toEqual([3, 4]);
  });

  it("serves the latest checkpoint for a short while and a checkpoint of a given size for good, in exactly the documented shape", async () => {
    const answer = await get(`${LOG}/checkpoint`);
    expect(answer.status).toBe(200);
    expect(answer.cors).toBe("*");
    expect(answer.cache).toMatch(SHORT);
    expect(answer.cache).not.toContain("immutable");
    expectCheckpointShape(answer.body);
    expect(answer.body).toEqual(latest);
    expect(answer.body.counts).toEqual({ total: 2, byCountry: { FRA: 1, KEN: 1 } });

    const past = await get(`${LOG}/checkpoint?size=3`);
    expect(past).toMatchObject({ status: 200, body: first, cors: "*", cache: IMMUTABLE });
    expectCheckpointShape(past.body);

    await expectError(`${LOG}/checkpoint?size=2`, 404);
    await expectError(`${LOG}/checkpoint?size=99`, 404);
    for (const bad of ["abc", "-1", "1.5", "01", ""]) await expectError(`${LOG}/checkpoint?size=${bad}`, 400);
  });

  it("lists checkpoints by size, after a size, with next null on the last page", async () => {
    const all = await get(`${LOG}/checkpoints`);
    expect(all).toMatchObject({ status: 200, cors: "*" });
    expect(Object.keys(all.body as object).sort()).toEqual(["checkpoints", "next"]);
    expect(all.body).toEqual({ checkpoints: [first, latest], next: null });
    // The last page can still grow.
    expect(all.cache).toMatch(SHORT);
    for (const checkpoint of (all.body as { checkpoints: unknown[] }).checkpoints) expectCheckpointShape(checkpoint);
    expect((await get(`${LOG}/checkpoints?after=3`)).body).toEqual({ checkpoints: [latest], next: null });
    expect((await get(`${LOG}/checkpoints?after=4`)).body).toEqual({ checkpoints: [], next: null });
    for (const bad of ["abc", "-1", "x1"]) await expectError(`${LOG}/checkpoints?after=${bad}`, 400);
  });

  it("serves entries in exactly the documented shape; a full page for good, a short one for a while; refuses bad ranges", async () => {
    const full = await get(`${LOG}/entries?start=0&end=4`);
    expect(full).toMatchObject({ status: 200, cors: "*", cache: IMMUTABLE });
    expect(Object.keys(full.body as object).sort()).toEqual(["entries", "start"]);
    ({ entries } = full.body as { start: number; entries: LogEntryJson[] });
    expect((full.body as { start: number }).start).toBe(0);
    expect(entries.map(entryFields)).toEqual([
      ["commitment", "country", "day", "index", "kind"],
      ["commitment", "country", "day", "index", "kind"],
      ["commitment", "country", "day", "index", "kind"],
      ["commitment", "country", "day", "index", "kind", "reason", "removes"],
    ]);
    expect(entries.map((e) => [e.index, e.kind, e.country])).toEqual([
      [0, "add", "FRA"],
      [1, "add", "KEN"],
      [2, "add", "KEN"],
      [3, "remove", "KEN"],
    ]);
    expect(entries[3]).toMatchObject({ removes: 1, reason: "withdrawn", commitment: entries[1]!.commitment });
    for (const entry of entries) {
      expect(entry.commitment).toMatch(HEX64);
      expect(entry.day).toMatch(/^\d{4}-\d\d-\d\d$/u);
      // What the verifier accepts, field for field.
      expect(parseEntryJson(entry, entry.index).ok).toBe(true);
    }

    const short = await get(`${LOG}/entries?start=2&end=1000`);
    expect(short).toMatchObject({ status: 200, body: { start: 2, entries: entries.slice(2) }, cors: "*" });
    expect(short.cache).toMatch(SHORT);
    expect((await get(`${LOG}/entries?start=4&end=4`)).body).toEqual({ start: 4, entries: [] });

    for (const query of ["", "?start=0", "?end=4", "?start=abc&end=4", "?start=0&end=-1", "?start=3&end=2", "?start=5&end=9", "?start=0x1&end=4"]) {
      await expectError(`${LOG}/entries${query}`, 400);
    }
  });

  it("serves inclusion proofs that verify against the checkpoint, for good; refuses a missing, malformed or out-of-range parameter", async () => {
    const leaves = entries.map((json) => {
      const parsed = parseEntryJson(json, json.index);
      if (!parsed.ok) throw new Error(parsed.problem);
      return leafHash(encodeEntry(parsed.entry));
    });
    for (const [index, size, checkpoint] of [
      [1, 4, latest],
      [0, 3, first],
      [2, 3, first],
    ] as const) {
      const answer = await get(`${LOG}/proof/inclusion?index=${index}&size=${size}`);
      expect(answer).toMatchObject({ status: 200, cors: "*", cache: IMMUTABLE });
      expect(Object.keys(answer.body as object).sort()).toEqual(["index", "proof", "size"]);
      const { proof } = answer.body as { index: number; size: number; proof: string[] };
      expect(answer.body).toMatchObject({ index, size });
      for (const hash of proof) expect(hash).toMatch(HEX64);
      expect(verifyInclusion(leaves[index]!, index, size, proof.map((h) => fromHex(h, 32)!), fromHex(checkpoint.rootHash, 32)!)).toBe(true);
    }
    for (const query of ["", "?index=1", "?size=4", "?index=abc&size=4", "?index=1&size=abc", "?index=4&size=4", "?index=0&size=5", "?index=0&size=0", "?index=-1&size=4"]) {
      await expectError(`${LOG}/proof/inclusion${query}`, 400);
    }
  });

  it("serves consistency proofs that verify between the checkpoints, for good; refuses a missing, malformed or out-of-range parameter", async () => {
    const answer = await get(`${LOG}/proof/consistency?from=3&to=4`);
    expect(answer).toMatchObject({ status: 200, cors: "*", cache: IMMUTABLE });
    expect(Object.keys(answer.body as object).sort()).toEqual(["from", "proof", "to"]);
    const { proof } = answer.body as { from: number; to: number; proof: string[] };
    expect(answer.body).toMatchObject({ from: 3, to: 4 });
    for (const hash of proof) expect(hash).toMatch(HEX64);
    expect(verifyConsistency(3, 4, proof.map((h) => fromHex(h, 32)!), fromHex(first.rootHash, 32)!, fromHex(latest.rootHash, 32)!)).toBe(true);
    expect((await get(`${LOG}/proof/consistency?from=4&to=4`)).body).toEqual({ from: 4, to: 4, proof: [] });
    for (const query of ["", "?from=3", "?to=4", "?from=abc&to=4", "?from=0&to=4", "?from=4&to=3", "?from=3&to=5", "?from=3&to=4.0"]) {
      await expectError(`${LOG}/proof/consistency${query}`, 400);
    }
  });

  it("publishes the signing key in exactly the documented shape, and the verifier checks the whole log from the endpoints", async () => {
    const answer = await get("/api/v1/log-key");
    expect(answer).toMatchObject({ status: 200, cors: "*" });
    expect(answer.cache).toMatch(SHORT);
    const { keys } = answer.body as { keys: Record<string, unknown>[] };
    expect(Object.keys(answer.body as object)).toEqual(["keys"]);
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]!).sort()).toEqual(["activatedAt", "algorithm", "keyId", "publicKey", "retiredAt"]);
    expect(keys[0]).toMatchObject({ keyId: publisher.key.keyId, algorithm: "Ed25519", publicKey: Buffer.from(publisher.key.rawPublicKey).toString("hex"), retiredAt: null });
    expect(keys[0]!.keyId).toMatch(HEX64);
    expect(keys[0]!.publicKey).toMatch(HEX64);

    const result = await verifyLog({ petitionUrl: `${TEST_PUBLIC_URL}/en/petitions/${DEMO_PETITION}`, fetch: viaPublicAddress });
    expect(result).toMatchObject({ ok: true, origin: ORIGIN, size: 4, counts: { total: 2, byCountry: { FRA: 1, KEN: 1 } }, checkpoints: 2 });
  });
});
