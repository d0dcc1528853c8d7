import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../db/unavailable";

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe("isDatabaseUnavailable", () => {
  it.each(["ECONNREFUSED", "ECONNRESET", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_DESTROYED", "57P01", "57P03", "08006", "53300"])(
    "is true for %s",
    (code) => expect(isDatabaseUnavailable(withCode(code))).toBe(true),
  );

  it("finds a refused connection inside an AggregateError or a cause", () => {
    expect(isDatabaseUnavailable(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "connect failed"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("query failed", { cause: withCode("ECONNRESET") }))).toBe(true);
  });

  it.each(["23505", "42P01", "22P02", "57014", "ENOENT"])("is false for a query's own error %s", (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(false);
  });

  it("is false for things that are not errors with a code", () => {
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
