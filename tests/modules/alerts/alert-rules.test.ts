import { describe, expect, it } from "vitest";
import { alertClaim, decideOutcome, isAlertDecision, isLastBatch, sendsWithoutReview } from "~/modules/alerts/alert-rules";

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
