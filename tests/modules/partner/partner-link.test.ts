import { describe, expect, it } from "vitest";
import { NO_PARTNER, partnerAfterRepeat, partnerOfRequest, readPartnerCode, readPartnerConsent, type CampaignPartner } from "~/modules/partner/partner-link";

const partner = (id: number, code: string, active = true): CampaignPartner => ({ id, code, name: `Partner ${code}`, websiteUrl: "https://a.example", privacyUrl: "https://a.example/privacy", active });
const running = [partner(1, "eff"), partner(2, "article-19"), partner(3, "sleeping", false)];
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("which partner a request gets", () => {
  it("reads a code as the link spells it, forgiving case and spaces, and nothing else", () => {
    expect(readPartnerCode("eff")).toBe("eff");
    expect(readPartnerCode(" EFF ")).toBe("eff");
    expect(readPartnerCode("article-19")).toBe("article-19");
    for (const bad of ["", "-eff", "eff-", "e f", "eff_1", "éff", "a".repeat(33), "<script>", null, undefined, 7, ["eff"]]) expect(readPartnerCode(bad), String(bad)).toBeNull();
  });

  it("is the active partner running the campaign whose code the link carries", () => {
    expect(partnerOfRequest("eff", running)?.id).toBe(1);
    expect(partnerOfRequest("ARTICLE-19", running)?.id).toBe(2);
  });

  it("is none for an unknown code, an inactive partner, a partner not running this campaign, or no code", () => {
    expect(partnerOfRequest("unknown", running)).toBeNull();
    expect(partnerOfRequest("sleeping", running)).toBeNull();
    expect(partnerOfRequest("eff", [partner(2, "article-19")])).toBeNull();
    expect(partnerOfRequest(null, running)).toBeNull();
    expect(partnerOfRequest("", running)).toBeNull();
  });
});

describe("the consent a form gives a partner", () => {
  it("is the box, ticked, for the form's partner only", () => {
    expect(readPartnerConsent(form({ partner: "eff", partnerConsent: "on" }), running[0]!)).toEqual({ partnerId: 1, consent: true });
    expect(readPartnerConsent(form({ partner: "eff" }), running[0]!)).toEqual({ partnerId: 1, consent: false });
    // Anything but the browser's "on" is not a tick.
    expect(readPartnerConsent(form({ partner: "eff", partnerConsent: "yes" }), running[0]!)).toEqual({ partnerId: 1, consent: false });
  });

  it("is nothing without a partner, even with the box sent", () => {
    expect(readPartnerConsent(form({ partnerConsent: "on" }), null)).toEqual(NO_PARTNER);
  });
});

describe("a repeat signature's partner", () => {
  const A = (consent: boolean) => ({ partnerId: 1, consent });
  const B = (consent: boolean) => ({ partnerId: 2, consent });

  it("never moves consent from one partner to another on a pending signature", () => {
    // Signed through A with the box ticked, again through B without: consent stays A's alone.
    expect(partnerAfterRepeat(A(true), B(false), "resend_confirmation")).toEqual(A(true));
    expect(partnerAfterRepeat(A(true), B(true), "resend_confirmation")).toEqual(A(true));
    // A had no consent: B's link, with its box, takes the row (the confirmation still to come covers it).
    expect(partnerAfterRepeat(A(false), B(true), "resend_confirmation")).toEqual(B(true));
  });

  it("adds a tick for the same partner (or a first partner) to a pending signature, and never removes one", () => {
    expect(partnerAfterRepeat(A(false), A(true), "resend_confirmation")).toEqual(A(true));
    expect(partnerAfterRepeat(A(true), A(false), "resend_confirmation")).toEqual(A(true));
    expect(partnerAfterRepeat(NO_PARTNER, A(true), "resend_confirmation")).toEqual(A(true));
    expect(partnerAfterRepeat(A(true), NO_PARTNER, "resend_confirmation")).toEqual(A(true));
  });

  it("leaves a confirmed signature as it was (anyone can type an address), and starts anew after a withdrawal", () => {
    expect(partnerAfterRepeat(NO_PARTNER, A(true), "notify_already_signed")).toEqual(NO_PARTNER);
    expect(partnerAfterRepeat(A(false), A(true), "notify_already_signed")).toEqual(A(false));
    expect(partnerAfterRepeat(A(true), B(true), "nothing")).toEqual(A(true));
    expect(partnerAfterRepeat(A(true), B(false), "sign_again")).toEqual(B(false));
    expect(partnerAfterRepeat(A(true), NO_PARTNER, "sign_again")).toEqual(NO_PARTNER);
  });
});
