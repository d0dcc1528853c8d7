import { verify as nodeVerify, createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256, toHex } from "~/modules/transparency/bytes";
import { checkpointBody, checkpointNote, isLogOrigin, keyIdOf, parseCheckpoint, parseLogPublicKey, verifyCheckpointSignature, type Checkpoint } from "~/modules/transparency/checkpoint";
import { generateLogSigningKey, logSigningKeyFromPem, publicKeyJson, signCheckpoint } from "~/modules/transparency/checkpoint.server";
import { logEndpoints } from "~/modules/transparency/log-api";

const { key, pem } = generateLogSigningKey();
const ROOT = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
const unsigned = { origin: "https://treaty.example/petitions/ban-the-bomb", size: 8, rootHash: ROOT, counts: { total: 5, byCountry: { FRA: 2, KEN: 3 } }, time: "2026-12-06T09:20:00.000Z" };
const keys = [publicKeyJson(key, "2026-01-01T00:00:00.000Z")];

describe("checkpoint text", () => {
  it("is the documented signed body, and the note adds the signature line", () => {
    const checkpoint = signCheckpoint(unsigned, key);
    expect(checkpointBody(checkpoint)).toBe(
      ["https://treaty.example/petitions/ban-the-bomb", "8", ROOT, "total 5", "country FRA 2", "country KEN 3", "time 2026-12-06T09:20:00.000Z", `key ${key.keyId}`, ""].join("\n"),
    );
    expect(checkpointNote(checkpoint)).toBe(`${checkpointBody(checkpoint)}\n\u2014 ${key.keyId} ${checkpoint.signature}\n`);
    // Node's own Ed25519 verifies the signature over exactly those bytes.
    const publicKey = createPublicKey(key.privateKey);
    expect(nodeVerify(null, Buffer.from(checkpointBody(checkpoint)), publicKey, Buffer.from(checkpoint.signature, "hex"))).toBe(true);
  });

  it("refuses to sign what it could not state in one way", () => {
    expect(() => signCheckpoint({ ...unsigned, counts: { total: 6, byCountry: { FRA: 2, KEN: 3 } } }, key)).toThrow(/bad_counts/);
    expect(() => signCheckpoint({ ...unsigned, counts: { total: 5, byCountry: { KEN: 3, FRA: 2 } } }, key)).toThrow(/bad_counts/);
    expect(() => signCheckpoint({ ...unsigned, counts: { total: 9, byCountry: { FRA: 9 } } }, key)).toThrow(/bad_counts/);
    expect(() => signCheckpoint({ ...unsigned, origin: "https://treaty.example/petitions/x\nforged" }, key)).toThrow(/bad_origin/);
    expect(() => signCheckpoint({ ...unsigned, time: "2026-12-06T09:20:00Z" }, key)).toThrow(/bad_time/);
    expect(() => signCheckpoint({ ...unsigned, rootHash: ROOT.toUpperCase() }, key)).toThrow(/bad_root/);
  });

  it("parses strictly", () => {
    const checkpoint = signCheckpoint(unsigned, key);
    expect(parseCheckpoint(JSON.parse(JSON.stringify(checkpoint)))).toEqual({ ok: true, checkpoint });
    expect(parseCheckpoint({ ...checkpoint, note: "x" })).toEqual({ ok: false, problem: "unknown_field" });
    expect(parseCheckpoint({ ...checkpoint, size: "8" })).toEqual({ ok: false, problem: "bad_size" });
    expect(parseCheckpoint({ ...checkpoint, counts: { total: 5, byCountry: { FRA: 2, KEN: 3, NZL: 0 } } })).toEqual({ ok: false, problem: "bad_counts" });
    expect(parseCheckpoint({ ...checkpoint, counts: { total: 5, byCountry: { FRA: 2, KEN: 3 }, extra: 1 } })).toEqual({ ok: false, problem: "bad_counts" });
    expect(parseCheckpoint({ ...checkpoint, signature: checkpoint.signature.slice(2) })).toEqual({ ok: false, problem: "bad_signature" });
    expect(parseCheckpoint({ ...checkpoint, keyId: "abc" })).toEqual({ ok: false, problem: "bad_key_id" });
    expect(parseCheckpoint("text")).toEqual({ ok: false, problem: "not_an_object" });
  });

  it("takes only one spelling of an origin", () => {
    expect(isLogOrigin("https://treaty.example/petitions/a")).toBe(true);
    expect(isLogOrigin("https://TREATY.example/petitions/a")).toBe(false);
    expect(isLogOrigin("https://treaty.example/petitions/a?x=1")).toBe(false);
    expect(isLogOrigin("ftp://treaty.example/petitions/a")).toBe(false);
    expect(logEndpoints("https://treaty.example/fr/petitions/ban-the-bomb/verify")?.origin).toBe("https://treaty.example/petitions/ban-the-bomb");
    expect(logEndpoints("https://treaty.example/petitions/ban-the-bomb")?.entries(0, 10)).toBe("https://treaty.example/api/v1/petitions/ban-the-bomb/log/entries?start=0&end=10");
    expect(logEndpoints("https://treaty.example/en/about")).toBeNull();
    expect(logEndpoints("not a url")).toBeNull();
  });
});

describe("signing keys", () => {
  it("loads the PEM it wrote; the key id is the hash of the raw public key", () => {
    const loaded = logSigningKeyFromPem(pem);
    expect(loaded.keyId).toBe(key.keyId);
    expect(loaded.keyId).toBe(toHex(sha256(loaded.rawPublicKey)));
    expect(keyIdOf(loaded.rawPublicKey)).toBe(key.keyId);
    expect(() => logSigningKeyFromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")).toThrow();
  });

  it("parses a published key only when its id matches its bytes", () => {
    const json = keys[0]!;
    expect(parseLogPublicKey(json)).toEqual({ ok: true, key: json });
    expect(parseLogPublicKey({ ...json, keyId: toHex(new Uint8Array(32)) })).toEqual({ ok: false, problem: "key_id_mismatch" });
    expect(parseLogPublicKey({ ...json, algorithm: "RSA" })).toEqual({ ok: false, problem: "bad_key" });
    expect(parseLogPublicKey({ ...json, retiredAt: "soon" })).toEqual({ ok: false, problem: "bad_key" });
  });
});

describe("verifying a signature with WebCrypto", () => {
  const checkpoint = signCheckpoint(unsigned, key);

  it("accepts the signed checkpoint and refuses any changed field", async () => {
    expect(await verifyCheckpointSignature(checkpoint, keys)).toEqual({ ok: true });
    const changes: Partial<Checkpoint>[] = [
      { size: 9 },
      { rootHash: "00".repeat(32) },
      { counts: { total: 5, byCountry: { FRA: 3, KEN: 2 } } },
      { time: "2026-12-06T09:20:00.001Z" },
      { origin: "https://treaty.example/petitions/another" },
    ];
    for (const change of changes) expect(await verifyCheckpointSignature({ ...checkpoint, ...change }, keys), JSON.stringify(change)).toEqual({ ok: false, problem: "signature_invalid" });
  });

  it("names an unknown key, and a key used outside its active time", async () => {
    const other = generateLogSigningKey().key;
    expect(await verifyCheckpointSignature(signCheckpoint(unsigned, other), keys)).toEqual({ ok: false, problem: "unknown_key" });
    expect(await verifyCheckpointSignature(checkpoint, [publicKeyJson(key, "2026-12-07T00:00:00.000Z")])).toEqual({ ok: false, problem: "key_not_active" });
    expect(await verifyCheckpointSignature(checkpoint, [publicKeyJson(key, "2026-01-01T00:00:00.000Z", "2026-12-06T09:20:00.000Z")])).toEqual({ ok: false, problem: "key_not_active" });
    // A key listed under another key's id is not that key.
    expect(await verifyCheckpointSignature(checkpoint, [{ ...publicKeyJson(other, "2026-01-01T00:00:00.000Z"), keyId: key.keyId }])).toEqual({ ok: false, problem: "unknown_key" });
  });
});
