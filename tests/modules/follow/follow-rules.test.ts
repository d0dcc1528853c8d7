import { describe, expect, it } from "vitest";
import { followConfirmUrlFor, followIdFromConfirmToken, followIdFromUnsubscribeToken, followUnsubscribeToken } from "~/lib/links/follow-links.server";
import { confirmUrlFor, signatureIdFromConfirmToken } from "~/lib/links/signature-links.server";
import { letterIdFromConfirmToken } from "~/lib/links/letter-links.server";
import { checkUnsubscribeToken } from "~/modules/mail/unsubscribe.service.server";
import { validateFollow } from "~/modules/follow/follow-form";
import { followerSortOf, followerSummary, sortCountryFollowers } from "~/modules/follow/followers-by-country";
import { canUnsubscribe, confirmOutcome, mayMailFollower, repeatFollowOutcome, unsubscribeScopeOf } from "~/modules/follow/follow-status";

const T0 = new Date("2026-12-05T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const DAY = 86_400_000;
const resend = { minIntervalMs: 5 * 60_000, maxMails: 5 };

describe("a follow's states", () => {
  it("confirms only a pending follow, within the link's life, and says what a later click finds", () => {
    const policy = { confirmTtlMs: 30 * DAY };
    expect(confirmOutcome({ status: "pending", confirmationSentAt: T0 }, minutes(1), policy)).toBe("confirm");
    expect(confirmOutcome({ status: "pending", confirmationSentAt: T0 }, new Date(T0.getTime() + 30 * DAY), policy)).toBe("confirm");
    expect(confirmOutcome({ status: "pending", confirmationSentAt: T0 }, new Date(T0.getTime() + 30 * DAY + 1), policy)).toBe("expired");
    expect(confirmOutcome({ status: "confirmed", confirmationSentAt: T0 }, minutes(1), policy)).toBe("already_confirmed");
    // An old link of a confirmed follow still says it is confirmed, never "expired".
    expect(confirmOutcome({ status: "confirmed", confirmationSentAt: T0 }, new Date(T0.getTime() + 90 * DAY), policy)).toBe("already_confirmed");
    expect(confirmOutcome({ status: "unsubscribed", confirmationSentAt: T0 }, minutes(1), policy)).toBe("unsubscribed");
  });

  it("unsubscribes a pending follow (it was not me) or a confirmed one; an unsubscribed one stays", () => {
    expect(canUnsubscribe("pending")).toBe(true);
    expect(canUnsubscribe("confirmed")).toBe(true);
    expect(canUnsubscribe("unsubscribed")).toBe(false);
  });

  it("paces the mail of a repeat: the confirmation again, or 'you already follow it', never a flood", () => {
    const pending = { status: "pending" as const, confirmationSentAt: T0, confirmationMails: 1 };
    expect(repeatFollowOutcome(pending, minutes(1), resend)).toBe("nothing");
    expect(repeatFollowOutcome(pending, minutes(5), resend)).toBe("resend_confirmation");
    expect(repeatFollowOutcome({ ...pending, confirmationMails: 5 }, minutes(60), resend)).toBe("nothing");
    const confirmed = { ...pending, status: "confirmed" as const };
    expect(repeatFollowOutcome(confirmed, minutes(2), resend)).toBe("nothing");
    expect(repeatFollowOutcome(confirmed, minutes(6), resend)).toBe("notify_already_following");
  });

  it("reads the scope of an unsubscribe: a named one, else the mail's own country (RFC 8058's one-click body)", () => {
    expect(unsubscribeScopeOf("follows")).toBe("follows");
    expect(unsubscribeScopeOf("everything")).toBe("everything");
    expect(unsubscribeScopeOf("country")).toBe("country");
    expect(unsubscribeScopeOf(null)).toBe("country");
    expect(unsubscribeScopeOf("One-Click")).toBe("country");
  });
});

describe("who may be mailed news of a country", () => {
  it("only a confirmed follower not on the do-not-mail list", () => {
    expect(mayMailFollower({ status: "confirmed" }, false)).toEqual({ mail: true });
    expect(mayMailFollower({ status: "pending" }, false)).toEqual({ mail: false, reason: "not_confirmed" });
    expect(mayMailFollower({ status: "unsubscribed" }, false)).toEqual({ mail: false, reason: "unsubscribed" });
    expect(mayMailFollower({ status: "confirmed" }, true)).toEqual({ mail: false, reason: "do_not_mail" });
    expect(mayMailFollower({ status: "unsubscribed" }, true)).toEqual({ mail: false, reason: "unsubscribed" });
  });
});

describe("the follow form", () => {
  it("takes an address and a supported language, and keys the address as signatures do", () => {
    expect(validateFollow({ email: "  Ann.Lee+news@Gmail.COM ", language: "fr" })).toEqual({
      ok: true,
      follow: { email: "Ann.Lee+news@gmail.com", emailKey: "annlee@gmail.com", language: "fr" },
    });
  });

  it("says what is wrong by the field", () => {
    expect(validateFollow({ email: "", language: "en" })).toEqual({ ok: false, errors: { email: "errors.emailRequired" } });
    expect(validateFollow({ email: "ann@", language: "en" })).toEqual({ ok: false, errors: { email: "errors.emailInvalid" } });
    expect(validateFollow({ email: "ann@example.org\r\nBcc: x@y.z", language: "en" })).toEqual({ ok: false, errors: { email: "errors.emailInvalid" } });
    expect(validateFollow({ email: "ann@example.org", language: "de" })).toEqual({ ok: false, errors: { language: "errors.languageUnknown" } });
    expect(validateFollow({ email: "x", language: "" })).toEqual({ ok: false, errors: { email: "errors.emailInvalid", language: "errors.languageUnknown" } });
  });
});

describe("follow links", () => {
  const secrets = ["new-secret", "old-secret"];
  it("carry the follow's id signed, for one purpose each, and work after a secret rotation", () => {
    const confirm = new URL(followConfirmUrlFor("42", "https://x.example", "ar", ["old-secret"]));
    expect(confirm.pathname).toMatch(/^\/confirm\//u);
    expect(confirm.searchParams.get("lng")).toBe("ar");
    const token = confirm.pathname.split("/")[2]!;
    expect(followIdFromConfirmToken(token, secrets)).toBe("42");
    expect(followIdFromUnsubscribeToken(token, secrets)).toBeNull();
    // The shared /confirm/:token tells a follow from a signature or a letter by the signed payload.
    expect(signatureIdFromConfirmToken(token, secrets)).toBeNull();
    expect(letterIdFromConfirmToken(token, secrets)).toBeNull();
    const signatureToken = new URL(confirmUrlFor("42", "https://x.example", "en", secrets)).pathname.split("/")[2]!;
    expect(followIdFromConfirmToken(signatureToken, secrets)).toBeNull();

    const unsubscribe = followUnsubscribeToken("42", secrets);
    expect(followIdFromUnsubscribeToken(unsubscribe, secrets)).toBe("42");
    expect(followIdFromConfirmToken(unsubscribe, secrets)).toBeNull();
    // Not an address to put on the do-not-mail list either.
    expect(checkUnsubscribeToken(unsubscribe, secrets).ok).toBe(false);
    expect(followIdFromUnsubscribeToken(`${unsubscribe}x`, secrets)).toBeNull();
    expect(followIdFromUnsubscribeToken(unsubscribe, ["another"])).toBeNull();
  });
});

describe("followers per country, as organizers see them", () => {
  const rows = [
    { code3: "PER", name: "Peru", followers: 2 },
    { code3: "FRA", name: "France", followers: 5 },
    { code3: "DEU", name: "Germany", followers: 2 },
    { code3: "AUT", name: "Austria", followers: 1 },
  ];
  it("most followed first, ties by name; or by name; anything but `name` sorts by followers", () => {
    expect(sortCountryFollowers(rows, "followers", "en").map((r) => r.code3)).toEqual(["FRA", "DEU", "PER", "AUT"]);
    expect(sortCountryFollowers(rows, followerSortOf("name"), "en").map((r) => r.code3)).toEqual(["AUT", "FRA", "DEU", "PER"]);
    expect(followerSortOf("nonsense")).toBe("followers");
    expect(followerSortOf(null)).toBe("followers");
  });
  it("the summary: the total and the top countries", () => {
    expect(followerSummary(rows, "en", 2)).toEqual({ total: 10, top: [rows[1], rows[2]] });
    expect(followerSummary([], "en", 5)).toEqual({ total: 0, top: [] });
  });
});
