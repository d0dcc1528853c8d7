import { describe, expect, it } from "vitest";
import { readBulkFilter } from "~/modules/petition/moderation";

describe("readBulkFilter", () => {
  const from = (values: Record<string, string>) => readBulkFilter((name) => values[name] ?? null);

  it("reads and normalizes each criterion", () => {
    expect(from({ emailDomain: " @Mailinator.COM ", country: "fra", from: "2026-11-01", to: "2026-11-02", ipHash: "abcDEF123_-x" })).toEqual({
      ok: true,
      filter: { emailDomain: "mailinator.com", country: "FRA", from: "2026-11-01", to: "2026-11-02", ipHash: "abcDEF123_-x" },
    });
  });

  it("refuses an empty filter: it would match a whole petition", () => {
    expect(from({})).toEqual({ ok: false, errors: { form: "moderation.errors.noCriterion" } });
    expect(from({ country: "  " })).toEqual({ ok: false, errors: { form: "moderation.errors.noCriterion" } });
  });

  it("says which field is wrong", () => {
    expect(from({ emailDomain: "not a domain", country: "FR", from: "2026-02-30", to: "yesterday", ipHash: "x';--" })).toEqual({
      ok: false,
      errors: { emailDomain: "moderation.errors.emailDomain", country: "moderation.errors.country", from: "moderation.errors.date", to: "moderation.errors.date", ipHash: "moderation.errors.ipHash" },
    });
    expect(from({ from: "2026-11-05", to: "2026-11-01" })).toEqual({ ok: false, errors: { to: "moderation.errors.range" } });
  });
});
