import { describe, expect, it } from "vitest";
import type { SignatureStatus } from "../../../db/schema";
import {
  canConfirm,
  canWithdraw,
  confirmationExpired,
  counts,
  moderationEffect,
  repeatSigningOutcome,
  statusOnConfirmation,
  suspicionOf,
} from "~/modules/petition/signature-status";

const ALL: SignatureStatus[] = ["pending", "confirmed", "held", "suspect", "rejected", "withdrawn"];
const now = new Date("2026-11-28T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const policy = { minIntervalMs: 5 * 60_000, maxMails: 5 };

describe("signature status rules", () => {
  it("counts only confirmed signatures", () => {
    expect(ALL.filter(counts)).toEqual(["confirmed"]);
  });

  it("confirms only pending signatures", () => {
    expect(ALL.filter(canConfirm)).toEqual(["pending"]);
  });

  it("lets the signer withdraw anything not already gone or rejected", () => {
    expect(ALL.filter(canWithdraw)).toEqual(["pending", "confirmed", "held", "suspect"]);
  });
});

describe("suspicionOf", () => {
  const base = { honeypotFilled: false, fillMs: 5000, minFillMs: 2000 };

  it("passes a person who took their time", () => {
    expect(suspicionOf(base)).toBeNull();
  });

  it("flags a filled honeypot before a too-fast form, and nothing else", () => {
    expect(suspicionOf({ ...base, honeypotFilled: true, fillMs: 10 })).toBe("honeypot");
    expect(suspicionOf({ ...base, fillMs: 1999 })).toBe("too_fast");
  });

  it("accepts exactly the minimum fill time", () => {
    expect(suspicionOf({ ...base, fillMs: 2000 })).toBeNull();
  });
});

describe("repeatSigningOutcome", () => {
  const existing = (status: SignatureStatus, sentMinutesAgo: number | null, mails = 1) => ({
    status,
    confirmationSentAt: sentMinutesAgo === null ? null : minutesAgo(sentMinutesAgo),
    confirmationMails: mails,
  });

  it("re-sends the confirmation to a pending signer, at most every five minutes", () => {
    expect(repeatSigningOutcome(existing("pending", 6), now, policy).kind).toBe("resend_confirmation");
    expect(repeatSigningOutcome(existing("pending", 1), now, policy).kind).toBe("nothing");
  });

  it("stops re-sending after the most mails a signature may get", () => {
    expect(repeatSigningOutcome(existing("pending", 60, 5), now, policy).kind).toBe("nothing");
  });

  it("tells a confirmed signer they had already signed, rate-limited the same way", () => {
    expect(repeatSigningOutcome(existing("confirmed", 60), now, policy).kind).toBe("notify_already_signed");
    expect(repeatSigningOutcome(existing("confirmed", 2), now, policy).kind).toBe("nothing");
  });

  it("lets someone who withdrew sign again", () => {
    expect(repeatSigningOutcome(existing("withdrawn", 1, 5), now, policy).kind).toBe("sign_again");
  });

  it("sends nothing for suspect or rejected signatures", () => {
    expect(repeatSigningOutcome(existing("suspect", null, 0), now, policy).kind).toBe("nothing");
    expect(repeatSigningOutcome(existing("rejected", null, 0), now, policy).kind).toBe("nothing");
  });
});

describe("confirmationExpired", () => {
  const day = 86_400_000;
  it("expires a link the configured time after its last mail", () => {
    expect(confirmationExpired(new Date(now.getTime() - 30 * day), now, 30 * day)).toBe(false);
    expect(confirmationExpired(new Date(now.getTime() - 30 * day - 1), now, 30 * day)).toBe(true);
  });

  it("treats a signature never mailed as having no valid link", () => {
    expect(confirmationExpired(null, now, 30 * day)).toBe(true);
  });
});

describe("moderationEffect", () => {
  it("releases only suspects, to pending, with the confirmation mail they never had", () => {
    expect(moderationEffect("suspect", "release")).toEqual({ next: "pending", countDelta: 0, sendConfirmation: true });
    for (const status of ["pending", "confirmed", "rejected", "withdrawn"] as const) expect(moderationEffect(status, "release")).toBeNull();
  });

  it("releases a held signature straight to confirmed and counts it: its signer had confirmed", () => {
    expect(moderationEffect("held", "release")).toEqual({ next: "confirmed", countDelta: 1, sendConfirmation: false });
  });

  it("rejects a held signature without touching the count (it never counted)", () => {
    expect(moderationEffect("held", "reject")).toEqual({ next: "rejected", countDelta: 0, sendConfirmation: false });
  });

  it("rejects what counts or may come to, taking confirmed ones off the count", () => {
    expect(moderationEffect("suspect", "reject")).toEqual({ next: "rejected", countDelta: 0, sendConfirmation: false });
    expect(moderationEffect("pending", "reject")).toEqual({ next: "rejected", countDelta: 0, sendConfirmation: false });
    expect(moderationEffect("confirmed", "reject")).toEqual({ next: "rejected", countDelta: -1, sendConfirmation: false });
    expect(moderationEffect("withdrawn", "reject")).toBeNull();
    expect(moderationEffect("rejected", "reject")).toBeNull();
  });
});

describe("statusOnConfirmation", () => {
  const base = { trending: "domain" as const, domainTrusted: false, decision: null, defaultRule: "hold" as const };

  it("counts a signature that never trended, whatever the rule", () => {
    expect(statusOnConfirmation({ ...base, trending: null })).toBe("confirmed");
    expect(statusOnConfirmation({ ...base, trending: null, decision: "hold" })).toBe("confirmed");
  });

  it("applies the default rule while organizers have not decided", () => {
    expect(statusOnConfirmation(base)).toBe("held");
    expect(statusOnConfirmation({ ...base, defaultRule: "count" })).toBe("confirmed");
    expect(statusOnConfirmation({ ...base, trending: "address" })).toBe("held");
  });

  it("lets the organizers' decision on the source override the default either way", () => {
    expect(statusOnConfirmation({ ...base, decision: "count" })).toBe("confirmed");
    expect(statusOnConfirmation({ ...base, defaultRule: "count", decision: "hold" })).toBe("held");
    expect(statusOnConfirmation({ ...base, trending: "address", defaultRule: "count", decision: "hold" })).toBe("held");
  });

  it("counts a signature from an allow-listed domain even under a hold decision", () => {
    expect(statusOnConfirmation({ ...base, domainTrusted: true, decision: "hold" })).toBe("confirmed");
    expect(statusOnConfirmation({ ...base, trending: "address", domainTrusted: true })).toBe("confirmed");
  });
});
