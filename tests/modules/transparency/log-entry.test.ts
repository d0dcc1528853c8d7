import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "~/modules/transparency/bytes";
import { countsOf, LogTally } from "~/modules/transparency/log-counts";
import { commitmentOf, decodeEntry, encodeEntry, entryToJson, INVALIDATION_RULES, isLogDay, parseEntryJson, type LogEntry } from "~/modules/transparency/log-entry";
import { makeReceipt, parseReceipt } from "~/modules/transparency/receipt";

const C1 = "11".repeat(32);
const C2 = "22".repeat(32);
const add = (commitment: string, country: string, day = "2026-11-01"): LogEntry => ({ kind: "add", commitment, country, day });

const entryArb: fc.Arbitrary<LogEntry> = fc.oneof(
  fc.record({
    kind: fc.constant("add" as const),
    commitment: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toHex),
    country: fc.stringMatching(/^[A-Z]{3}$/),
    day: fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  }),
  fc.record({
    kind: fc.constant("remove" as const),
    commitment: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toHex),
    country: fc.stringMatching(/^[A-Z]{3}$/),
    day: fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    removes: fc.maxSafeNat(),
    reason: fc.constantFrom("withdrawn" as const, ...INVALIDATION_RULES.map((rule) => `invalidated:${rule}` as const)),
  }),
);

describe("entry bytes", () => {
  it("lays out an add and a removal as documented", () => {
    expect(toHex(encodeEntry(add(C1, "FRA", "2026-11-01")))).toBe(`0101${C1}465241323032362d31312d3031`);
    const removal: LogEntry = { kind: "remove", commitment: C1, country: "FRA", day: "2026-11-03", removes: 258, reason: "withdrawn" };
    expect(toHex(encodeEntry(removal))).toBe(`0102${C1}465241323032362d31312d3033` + "0000000000000102" + "09" + toHex(new TextEncoder().encode("withdrawn")));
  });

  it("decodes back to the same entry (one entry, one encoding) and two different entries never share bytes", () => {
    fc.assert(
      fc.property(entryArb, entryArb, (a, b) => {
        expect(decodeEntry(encodeEntry(a))).toEqual({ ok: true, entry: a });
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(toHex(encodeEntry(a))).not.toBe(toHex(encodeEntry(b)));
      }),
    );
  });

  it("refuses bytes it would not have written", () => {
    const bytes = encodeEntry(add(C1, "FRA"));
    expect(decodeEntry(bytes.subarray(0, 46))).toEqual({ ok: false, problem: "bad_bytes" });
    expect(decodeEntry(new Uint8Array([...bytes, 0]))).toEqual({ ok: false, problem: "bad_bytes" });
    expect(decodeEntry(new Uint8Array([2, ...bytes.subarray(1)]))).toEqual({ ok: false, problem: "bad_bytes" });
    expect(decodeEntry(new Uint8Array([1, 3, ...bytes.subarray(2)]))).toEqual({ ok: false, problem: "bad_bytes" });
    const lower = new Uint8Array(bytes);
    lower[34] = 0x66; // "f"
    expect(decodeEntry(lower)).toEqual({ ok: false, problem: "bad_bytes" });
    const removal = encodeEntry({ kind: "remove", commitment: C1, country: "FRA", day: "2026-11-03", removes: 0, reason: "withdrawn" });
    expect(decodeEntry(removal.subarray(0, removal.length - 1))).toEqual({ ok: false, problem: "bad_bytes" });
    expect(() => encodeEntry({ ...add(C1, "FRA"), day: "2026-02-30" })).toThrow(/bad_day/);
  });
});

describe("entry JSON", () => {
  it("round-trips through the entries endpoint's form", () => {
    fc.assert(
      fc.property(entryArb, fc.nat(1000), (entry, index) => {
        const json = entryToJson(entry.kind === "remove" ? Math.max(index, entry.removes + 1) : index, entry);
        const parsed = parseEntryJson(JSON.parse(JSON.stringify(json)), json.index);
        if (entry.kind === "remove" && entry.removes + 1 > Number.MAX_SAFE_INTEGER) return;
        expect(parsed).toEqual({ ok: true, entry });
      }),
    );
  });

  const good = { index: 4, kind: "remove", commitment: C1, country: "FRA", day: "2026-11-03", removes: 1, reason: "invalidated:moderation" };
  it.each([
    ["a list", [], "not_an_object"],
    ["null", null, "not_an_object"],
    ["an unknown kind", { ...good, kind: "delete" }, "bad_kind"],
    ["an extra field", { ...good, email: "a@b.c" }, "unknown_field"],
    ["a removal's fields on an add", { ...good, kind: "add" }, "unknown_field"],
    ["another index", { ...good, index: 5 }, "bad_index"],
    ["an index as text", { ...good, index: "4" }, "bad_index"],
    ["upper-case hex", { ...good, commitment: "AB".repeat(32) }, "bad_commitment"],
    ["a short commitment", { ...good, commitment: "11".repeat(31) }, "bad_commitment"],
    ["an alpha-2 country", { ...good, country: "FR" }, "bad_country"],
    ["a lower-case country", { ...good, country: "fra" }, "bad_country"],
    ["a day that does not exist", { ...good, day: "2026-02-29" }, "bad_day"],
    ["a timestamp for a day", { ...good, day: "2026-11-03T00:00:00Z" }, "bad_day"],
    ["a removal of itself", { ...good, removes: 4 }, "bad_removes"],
    ["a removal of a later entry", { ...good, removes: 9 }, "bad_removes"],
    ["a negative index", { ...good, removes: -1 }, "bad_removes"],
    ["an unknown rule", { ...good, reason: "invalidated:dislike" }, "bad_reason"],
    ["a bare invalidation", { ...good, reason: "invalidated" }, "bad_reason"],
  ])("refuses %s", (_what, value, problem) => {
    expect(parseEntryJson(value, 4)).toEqual({ ok: false, problem });
  });

  it("knows real calendar days", () => {
    expect(isLogDay("2028-02-29")).toBe(true);
    expect(isLogDay("2027-02-29")).toBe(false);
    expect(isLogDay("2027-13-01")).toBe(false);
  });
});

describe("commitments and receipts", () => {
  const uuid = "0b7c7a2e-4f0e-4d3a-9c55-1a2b3c4d5e6f";
  const secret = new Uint8Array(32).fill(0xab);

  it("hashes the tag, the uuid and the secret", () => {
    const expected = createHash("sha256").update("treaty-watch/log-commitment/v1\0").update(uuid).update(Buffer.from(secret)).digest("hex");
    expect(commitmentOf(uuid, secret)).toBe(expected);
    expect(commitmentOf(uuid, new Uint8Array(32))).not.toBe(expected);
    expect(() => commitmentOf(uuid.toUpperCase(), secret)).toThrow(RangeError);
    expect(() => commitmentOf(uuid, new Uint8Array(16))).toThrow(RangeError);
  });

  it("makes and parses a receipt, and refuses one whose secret or id does not give its commitment", () => {
    const receipt = makeReceipt("https://treaty.example/petitions/ban-the-bomb", 12, uuid, secret);
    expect(receipt).toEqual({ version: 1, petition: "https://treaty.example/petitions/ban-the-bomb", index: 12, signatureId: uuid, secret: "ab".repeat(32), commitment: commitmentOf(uuid, secret) });
    expect(parseReceipt(JSON.stringify(receipt))).toEqual({ ok: true, receipt });
    expect(parseReceipt("{")).toEqual({ ok: false, problem: "not_json" });
    expect(parseReceipt({ ...receipt, secret: "cd".repeat(32) })).toEqual({ ok: false, problem: "commitment_mismatch" });
    expect(parseReceipt({ ...receipt, signatureId: "0b7c7a2e-4f0e-4d3a-9c55-1a2b3c4d5e60" })).toEqual({ ok: false, problem: "commitment_mismatch" });
    expect(parseReceipt({ ...receipt, email: "a@b.c" })).toEqual({ ok: false, problem: "unknown_field" });
    expect(parseReceipt({ ...receipt, version: 2 })).toEqual({ ok: false, problem: "bad_version" });
    expect(parseReceipt({ ...receipt, petition: "https://treaty.example/petitions/x/" })).toEqual({ ok: false, problem: "bad_petition" });
    expect(parseReceipt({ ...receipt, index: 1.5 })).toEqual({ ok: false, problem: "bad_index" });
    expect(parseReceipt({ ...receipt, secret: "ab".repeat(31) })).toEqual({ ok: false, problem: "bad_secret" });
  });
});

describe("counts and removal rules", () => {
  it("counts additions minus removals, by country, omitting countries at zero", () => {
    const entries: LogEntry[] = [add(C1, "KEN"), add(C2, "FRA"), { kind: "remove", commitment: C1, country: "KEN", day: "2026-11-02", removes: 0, reason: "withdrawn" }, add("33".repeat(32), "FRA")];
    expect(countsOf(entries)).toEqual({ ok: true, counts: { total: 2, byCountry: { FRA: 2 } } });
    expect(countsOf([])).toEqual({ ok: true, counts: { total: 0, byCountry: {} } });
  });

  it.each([
    ["a later entry", [add(C1, "FRA"), { kind: "remove", commitment: C1, country: "FRA", day: "2026-11-02", removes: 5, reason: "withdrawn" }], "removes_later_entry"],
    ["itself", [add(C1, "FRA"), { kind: "remove", commitment: C1, country: "FRA", day: "2026-11-02", removes: 1, reason: "withdrawn" }], "removes_later_entry"],
    ["another country's entry", [add(C1, "FRA"), { kind: "remove", commitment: C1, country: "KEN", day: "2026-11-02", removes: 0, reason: "withdrawn" }], "country_mismatch"],
    ["another signature's entry", [add(C1, "FRA"), { kind: "remove", commitment: C2, country: "FRA", day: "2026-11-02", removes: 0, reason: "withdrawn" }], "commitment_mismatch"],
    [
      "an entry twice",
      [add(C1, "FRA"), { kind: "remove", commitment: C1, country: "FRA", day: "2026-11-02", removes: 0, reason: "withdrawn" }, { kind: "remove", commitment: C1, country: "FRA", day: "2026-11-02", removes: 0, reason: "invalidated:duplicate" }],
      "already_removed",
    ],
    [
      "a removal",
      [add(C1, "FRA"), { kind: "remove", commitment: C1, country: "FRA", day: "2026-11-02", removes: 0, reason: "withdrawn" }, { kind: "remove", commitment: C1, country: "FRA", day: "2026-11-02", removes: 1, reason: "withdrawn" }],
      "removes_a_removal",
    ],
  ] as [string, LogEntry[], string][])("refuses a removal of %s", (_what, entries, problem) => {
    expect(countsOf(entries)).toEqual({ ok: false, index: entries.length - 1, problem });
  });

  it("keeps counting past its first allocation and leaves its state unchanged by a refused removal", () => {
    const tally = new LogTally();
    for (let i = 0; i < 3000; i++) expect(tally.apply(add(toHex(new Uint8Array(32).fill(i % 256)), i % 2 === 0 ? "FRA" : "KEN"))).toBeNull();
    expect(tally.apply({ kind: "remove", commitment: "00".repeat(32), country: "KEN", day: "2026-11-02", removes: 2048, reason: "withdrawn" })).toBe("country_mismatch");
    expect(tally.apply({ kind: "remove", commitment: "00".repeat(32), country: "FRA", day: "2026-11-02", removes: 2048, reason: "withdrawn" })).toBeNull();
    expect(tally.counts()).toEqual({ total: 2999, byCountry: { FRA: 1499, KEN: 1500 } });
    expect(tally.entries).toBe(3001);
  });
});
