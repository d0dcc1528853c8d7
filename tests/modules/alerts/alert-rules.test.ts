import { describe, expect, it } from "vitest";
import { alertClaim, decideOutcome, isAlertDecision, isLastBatch, readAlertRequest, sendsWithoutReview } from "~/modules/alerts/alert-rules";

describe("what an alert may claim", () => {
  it("a move of the confirmed status is stated as a fact", () => {
    expect(alertClaim({ fromStatus: "signed", toStatus: "party", reportedFrom: "domestic_approval_reported", reportedTo: null })).toEqual({ certainty: "confirmed", status: "party", fromStatus: "signed" });
  });
  it("a move only of what is reported is said to be reported", () => {
    expect(alertClaim({ fromStatus: "signed", toStatus: "signed", reportedFrom: null, reportedTo: "domestic_approval_reported" })).toEqual({ certainty: "reported", status: "domestic_approval_reported", fromStatus: "signed" });
  });
  it("a reported status withdrawn is a correction that states only the confirmed status", () => {
    expect(alertClaim({ fromStatus: "signed", toStatus: "signed", reportedFrom: "domestic_approval_reported", reportedTo: null })).toEqual({ certainty: "corrected", status: "signed", fromStatus: "domestic_approval_reported" });
  });
});

describe("sending without review", () => {
  const settings = new Map([["party", true], ["in_force", true], ["signed", false]] as const);
  it("only a confirmed move to a status set to go at once", () => {
    expect(sendsWithoutReview({ fromStatus: "signed", toStatus: "party" }, settings)).toBe(true);
    expect(sendsWithoutReview({ fromStatus: "not_signed", toStatus: "signed" }, settings)).toBe(false);
    expect(sendsWithoutReview({ fromStatus: "party", toStatus: "party" }, settings)).toBe(false);
    expect(sendsWithoutReview({ fromStatus: "party", toStatus: "not_joined" }, settings)).toBe(false);
  });
});

describe("deciding", () => {
  it("only a draft takes a decision; a second click changes nothing", () => {
    expect(decideOutcome("draft", "send")).toEqual({ ok: true, status: "sending" });
    expect(decideOutcome("draft", "discard")).toEqual({ ok: true, status: "discarded" });
    for (const status of ["sending", "sent", "discarded"] as const) {
      expect(decideOutcome(status, "send")).toEqual({ ok: false, reason: "already_decided", status });
    }
    expect(isAlertDecision("send")).toBe(true);
    expect(isAlertDecision("delete")).toBe(false);
  });
  it("a short batch is the last", () => {
    expect(isLastBatch(499, 500)).toBe(true);
    expect(isLastBatch(500, 500)).toBe(false);
  });
});

describe("reading the review page's forms", () => {
  const form = (fields: Record<string, string | string[]>) => {
    const get = (name: string) => {
      const v = fields[name];
      return typeof v === "string" ? v : "";
    };
    const getAll = (name: string) => {
      const v = fields[name];
      return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
    };
    return readAlertRequest(get, getAll);
  };
  it("a decision on one alert", () => {
    expect(form({ decision: "send", alertId: "12" })).toEqual({ kind: "decide", alertId: "12", decision: "send" });
    expect(form({ decision: "discard", alertId: "12" })).toEqual({ kind: "decide", alertId: "12", decision: "discard" });
    expect(form({ decision: "bogus", alertId: "12" })).toEqual({ kind: "invalid", message: "decision" });
    expect(form({ decision: "send", alertId: "1; drop" })).toEqual({ kind: "invalid", message: "noAlert" });
  });
  it("the settings, keeping only statuses that exist", () => {
    expect(form({ intent: "settings", sendWithoutReview: ["party", "in_force", "nonsense"] })).toEqual({ kind: "settings", sendWithoutReview: new Set(["party", "in_force"]) });
    expect(form({ intent: "settings" })).toEqual({ kind: "settings", sendWithoutReview: new Set() });
  });
});
