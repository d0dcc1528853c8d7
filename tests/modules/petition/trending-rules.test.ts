import { describe, expect, it } from "vitest";
import { readDomain, readTrendingDecision, readTrustChange, trendingSourceLabel } from "~/modules/petition/trending";

const form = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe("readDomain", () => {
  it("reads a domain as email keys store it", () => {
    expect(readDomain(" @Univ.Example. ")).toBe("univ.example");
    expect(readDomain("mail.news-room.example")).toBe("mail.news-room.example");
  });

  it("refuses what is not a domain", () => {
    for (const bad of ["", "localhost", "a b.example", "-x.example", "x-.example", "ann@univ.example", "univ..example", "'; drop table x;--.example", `${"a".repeat(250)}.example`]) {
      expect(readDomain(bad)).toBeNull();
    }
  });
});

describe("trendingSourceLabel", () => {
  it("shows a domain as it is, and a network by a short stable label from its hash only", () => {
    expect(trendingSourceLabel({ kind: "domain", key: "univ.example" })).toBe("univ.example");
    const label = trendingSourceLabel({ kind: "address", key: "Ab_c-12345678xyzXYZ0123" });
    expect(label).toBe("net-Abc12345");
    expect(trendingSourceLabel({ kind: "address", key: "Ab_c-12345678xyzXYZ0123" })).toBe(label);
    expect(trendingSourceLabel({ kind: "address", key: "Zb_c-12345678xyzXYZ0123" })).not.toBe(label);
  });
});

describe("readTrendingDecision", () => {
  it("reads a decision on a domain or a network, with its note", () => {
    expect(readTrendingDecision(form({ kind: "domain", key: "Univ.Example", decision: "count", note: " partner " }))).toEqual({
      ok: true,
      source: { kind: "domain", key: "univ.example" },
      decision: "count",
      note: "partner",
    });
    expect(readTrendingDecision(form({ kind: "address", key: "Ab_c-12345678xyzXYZ0123", decision: "hold" }))).toEqual({
      ok: true,
      source: { kind: "address", key: "Ab_c-12345678xyzXYZ0123" },
      decision: "hold",
      note: "",
    });
  });

  it("refuses a tampered or stale form, and a note too long", () => {
    expect(readTrendingDecision(form({ kind: "domain", key: "univ.example", decision: "release" }))).toEqual({ ok: false, error: "trending.errors.stale" });
    expect(readTrendingDecision(form({ kind: "ip", key: "univ.example", decision: "count" }))).toEqual({ ok: false, error: "trending.errors.stale" });
    expect(readTrendingDecision(form({ kind: "domain", key: "not a domain", decision: "count" }))).toEqual({ ok: false, error: "trending.errors.stale" });
    expect(readTrendingDecision(form({ kind: "address", key: "short", decision: "count" }))).toEqual({ ok: false, error: "trending.errors.stale" });
    expect(readTrendingDecision(form({ kind: "address", key: "x';drop--xxxxxx", decision: "count" }))).toEqual({ ok: false, error: "trending.errors.stale" });
    expect(readTrendingDecision(form({}))).toEqual({ ok: false, error: "trending.errors.stale" });
    expect(readTrendingDecision(form({ kind: "domain", key: "univ.example", decision: "count", note: "x".repeat(501) }))).toEqual({ ok: false, error: "trending.errors.note" });
  });
});

describe("readTrustChange", () => {
  it("reads an addition or a removal", () => {
    expect(readTrustChange(form({ change: "add", domain: "@Univ.example", note: "partner" }))).toEqual({ ok: true, change: "add", domain: "univ.example", note: "partner" });
    expect(readTrustChange(form({ change: "remove", domain: "univ.example" }))).toEqual({ ok: true, change: "remove", domain: "univ.example", note: "" });
  });

  it("says which field is wrong", () => {
    expect(readTrustChange(form({ change: "add", domain: "nope", note: "x".repeat(501) }))).toEqual({ ok: false, errors: { domain: "trending.errors.domain", note: "trending.errors.note" } });
    expect(readTrustChange(form({ change: "add", domain: "" }))).toEqual({ ok: false, errors: { domain: "trending.errors.domain" } });
    expect(readTrustChange(form({ change: "drop", domain: "univ.example" }))).toEqual({ ok: false, errors: { form: "trending.errors.stale" } });
  });
});
