import { describe, expect, it } from "vitest";
import {
  classifySendFailure,
  MAX_ATTEMPTS,
  messageIdFor,
  outcomeOfFailure,
  recipientDomain,
  retryDelayMs,
  splitByDomainBudget,
} from "~/modules/mail/outgoing-mail";

describe("classifySendFailure", () => {
  it.each([
    [{ responseCode: 550 }, "permanent"],
    [{ responseCode: 554 }, "permanent"],
    [{ responseCode: 421 }, "temporary"],
    [{ responseCode: 451 }, "temporary"],
    [{ code: "ECONNREFUSED" }, "temporary"],
    [{ code: "ETIMEDOUT" }, "temporary"],
    [{ code: "EENVELOPE" }, "permanent"],
    [{}, "temporary"],
  ])("%j is %s", (error, kind) => {
    expect(classifySendFailure(error)).toBe(kind);
  });
});

describe("retryDelayMs", () => {
  it("doubles per attempt, with jitter in the upper half, capped", () => {
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(retryDelayMs(1, 1)).toBe(30_000);
    expect(retryDelayMs(2, 1)).toBe(60_000);
    expect(retryDelayMs(3, 0.5)).toBe(90_000);
    expect(retryDelayMs(30, 1)).toBe(6 * 3600_000);
  });
});

describe("outcomeOfFailure", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  it("retries a temporary failure later", () => {
    const outcome = outcomeOfFailure(1, "temporary", "421 busy", now, 1);
    expect(outcome).toEqual({ status: "queued", nextAttemptAt: new Date("2026-01-01T00:00:30Z"), error: "421 busy" });
  });
  it("gives up on a permanent failure at once", () => {
    expect(outcomeOfFailure(1, "permanent", "550 no such user", now, 0.5)).toEqual({ status: "failed", error: "550 no such user" });
  });
  it("gives up after the last attempt", () => {
    expect(outcomeOfFailure(MAX_ATTEMPTS, "temporary", "down", now, 0.5).status).toBe("failed");
  });
});

describe("messageIdFor", () => {
  it("is stable per row", () => {
    expect(messageIdFor("42", "treaty.example.org")).toBe("<outbox-42@treaty.example.org>");
  });
});

describe("splitByDomainBudget", () => {
  const rows = ["a@gmail.com", "b@GMAIL.com", "c@gmail.com", "d@example.org"].map((recipient) => ({ recipient }));
  it("sends up to the budget per domain, counting what was sent in the last minute", () => {
    const { send, defer } = splitByDomainBudget(rows, new Map([["gmail.com", 1]]), 2);
    expect(send.map((r) => r.recipient)).toEqual(["a@gmail.com", "d@example.org"]);
    expect(defer.map((r) => r.recipient)).toEqual(["b@GMAIL.com", "c@gmail.com"]);
  });
  it("folds the domain's case", () => {
    expect(recipientDomain("X@Example.ORG")).toBe("example.org");
  });
});
