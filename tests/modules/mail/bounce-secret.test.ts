import type * as Crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

// Watch what the comparison hands to timingSafeEqual (the real one still answers).
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof Crypto>();
  return { ...crypto, timingSafeEqual: vi.fn(crypto.timingSafeEqual) };
});

const { timingSafeEqual } = await import("node:crypto");
const { secretMatches } = await import("~/modules/mail/bounce.service.server");

const SECRET = "bounce-secret-of-the-provider-0123456789";
afterEach(() => vi.mocked(timingSafeEqual).mockClear());

describe("the bounce webhook's secret", () => {
  it("matches only itself", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    for (const guess of ["", "b", SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase(), `${SECRET.slice(0, -1)}8`, "ü".repeat(SECRET.length)]) {
      expect(secretMatches(guess, SECRET), guess).toBe(false);
    }
  });

  it("is compared the same way whatever the length of the guess: no early answer that tells its length", () => {
    const lengths = [0, 1, SECRET.length - 1, SECRET.length, SECRET.length + 1, 10_000];
    for (const length of lengths) secretMatches("x".repeat(length), SECRET);
    // One constant-time comparison per guess, always of two values of the same fixed size.
    expect(vi.mocked(timingSafeEqual)).toHaveBeenCalledTimes(lengths.length);
    for (const [a, b] of vi.mocked(timingSafeEqual).mock.calls) {
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
    }
  });

  it("never compares the secret itself", () => {
    secretMatches("guess", SECRET);
    const [[a, b]] = vi.mocked(timingSafeEqual).mock.calls as [[Buffer, Buffer]];
    expect(Buffer.from(a).toString("utf8")).not.toContain("guess");
    expect(Buffer.from(b).toString("utf8")).not.toContain(SECRET);
  });
});
