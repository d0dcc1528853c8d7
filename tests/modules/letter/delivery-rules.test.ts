import { describe, expect, it } from "vitest";
import { deliveryRoute, fingerprintText, utcDay } from "~/modules/letter/delivery-route";
import { canRecordReply, deliveryState, tallyDeliveryStates } from "~/modules/letter/recipient-delivery";
import { isReplyAnswer, replyRate } from "~/modules/letter/reply-rates";

const individual = { mode: "individual" as const, placeToday: 1, dailyCap: 50, identicalBefore: 0, identicalThreshold: 3 };

describe("deliveryRoute", () => {
  it("sends letters one by one up to the cap, then gathers them into the digest", () => {
    expect(deliveryRoute(individual)).toEqual({ route: "individual" });
    expect(deliveryRoute({ ...individual, placeToday: 50 })).toEqual({ route: "individual" });
    expect(deliveryRoute({ ...individual, placeToday: 51 })).toEqual({ route: "digest", reason: "over_cap" });
  });

  it("folds identical letters once the threshold is reached", () => {
    expect(deliveryRoute({ ...individual, identicalBefore: 2 })).toEqual({ route: "individual" });
    expect(deliveryRoute({ ...individual, identicalBefore: 3 })).toEqual({ route: "digest", reason: "identical" });
  });

  it("in digest mode, every letter goes into the digest", () => {
    expect(deliveryRoute({ ...individual, mode: "digest" })).toEqual({ route: "digest", reason: "digest_mode" });
  });
});

describe("fingerprintText", () => {
  it("ignores case, punctuation and spacing, in any script", () => {
    expect(fingerprintText("Dear Minister,\n\nPlease  act.", "My reason!")).toBe(fingerprintText("dear minister please act", "MY REASON"));
    expect(fingerprintText("Уважаемый министр!", "Моя причина.")).toBe(fingerprintText("уважаемый министр", "моя причина"));
    expect(fingerprintText("السيد الوزير،", "سببي")).toBe(fingerprintText("السيد الوزير", "سببي"));
    expect(fingerprintText("部长您好，", "我的理由。")).toBe(fingerprintText("部长您好", "我的理由"));
  });

  it("tells different words apart, and which part they are in", () => {
    expect(fingerprintText("Dear Minister", "My reason")).not.toBe(fingerprintText("Dear Minister", "My other reason"));
    expect(fingerprintText("a b", "c")).not.toBe(fingerprintText("a", "b c"));
  });
});

describe("utcDay", () => {
  it("is the calendar day in UTC, whatever the local zone", () => {
    expect(utcDay(new Date("2026-11-28T23:59:59.999Z"))).toBe("2026-11-28");
    expect(utcDay(new Date("2026-11-29T00:00:00+02:00"))).toBe("2026-11-28");
  });
});

describe("deliveryState", () => {
  const base = { letterStatus: "confirmed" as const, route: "individual" as const, mailStatus: null, digestMailStatus: null };
  it("follows the letter's own mail, or its digest's", () => {
    expect(deliveryState({ ...base, letterStatus: "pending" })).toBe("awaiting_confirmation");
    expect(deliveryState({ ...base, letterStatus: "expired" })).toBe("expired");
    expect(deliveryState({ ...base, mailStatus: "queued" })).toBe("on_its_way");
    expect(deliveryState({ ...base, mailStatus: "sending" })).toBe("on_its_way");
    expect(deliveryState({ ...base, mailStatus: "sent" })).toBe("delivered");
    expect(deliveryState({ ...base, mailStatus: "suppressed" })).toBe("failed");
    expect(deliveryState({ ...base, route: "digest" })).toBe("in_next_digest");
    expect(deliveryState({ ...base, route: "digest", digestMailStatus: "sent" })).toBe("delivered");
    expect(deliveryState({ ...base, route: "digest", digestMailStatus: "failed" })).toBe("failed");
  });

  it("lets senders answer only for delivered letters", () => {
    expect(canRecordReply("delivered")).toBe(true);
    expect(canRecordReply("on_its_way")).toBe(false);
    expect(canRecordReply("in_next_digest")).toBe(false);
  });
});

describe("tallyDeliveryStates", () => {
  it("sums grouped recipients into the states senders see, every state present", () => {
    const base = { mailStatus: null, digestMailStatus: null };
    expect(
      tallyDeliveryStates([
        { ...base, letterStatus: "pending", route: "individual", count: 4 },
        { ...base, letterStatus: "confirmed", route: "individual", mailStatus: "sent", count: 10 },
        { ...base, letterStatus: "confirmed", route: "digest", digestMailStatus: "sent", count: 2 },
        { ...base, letterStatus: "confirmed", route: "digest", count: 3 },
        { ...base, letterStatus: "confirmed", route: "individual", mailStatus: "suppressed", count: 1 },
      ]),
    ).toEqual({ awaiting_confirmation: 4, on_its_way: 0, in_next_digest: 3, delivered: 12, failed: 1, expired: 0 });
  });
});

describe("replyRate", () => {
  it("counts only what senders told us, and publishes a rate from three answers", () => {
    expect(replyRate({ delivered: 10, answers: {} })).toEqual({ delivered: 10, answered: 0, replied: 0, percent: null });
    expect(replyRate({ delivered: 10, answers: { yes: 1, no: 1 } })).toEqual({ delivered: 10, answered: 2, replied: 1, percent: null });
    expect(replyRate({ delivered: 10, answers: { yes: 1, no: 1, not_yet: 1 } })).toEqual({ delivered: 10, answered: 3, replied: 1, percent: 33 });
    expect(replyRate({ delivered: 7, answers: { yes: 2, no: 1 } }).percent).toBe(67);
  });

  it("knows its answers", () => {
    expect(["yes", "no", "not_yet"].every(isReplyAnswer)).toBe(true);
    expect(isReplyAnswer("maybe")).toBe(false);
    expect(isReplyAnswer(undefined)).toBe(false);
  });
});
