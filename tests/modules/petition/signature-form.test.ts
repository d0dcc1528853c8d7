import { describe, expect, it } from "vitest";
import { readSignatureValues, validateSignature, type SignatureFormValues } from "~/modules/petition/signature-form";

const known = (code: string) => ["FRA", "DEU", "BRA"].includes(code);
const valid: SignatureFormValues = { name: "Ann Lee", email: "ann@example.org", country: "FRA", comment: "", showName: false, mailConsent: false };
const errorsOf = (values: Partial<SignatureFormValues>) => {
  const result = validateSignature({ ...valid, ...values }, "", known);
  return result.ok ? {} : result.errors;
};

describe("validateSignature", () => {
  it("accepts a plain signature and normalizes it", () => {
    const result = validateSignature({ ...valid, name: "  Ann Lee ", email: " Ann@Example.ORG ", country: "fra", comment: " Yes \r\n indeed " }, "Ab3_x-9z", known);
    expect(result).toEqual({
      ok: true,
      signature: {
        name: "Ann Lee",
        email: "Ann@example.org",
        emailKey: "ann@example.org",
        countryCode: "FRA",
        comment: "Yes \n indeed",
        showName: false,
        mailConsent: false,
        referredBy: "Ab3_x-9z",
      },
    });
  });

  it("requires a name, at most 100 characters, on one line, without markup", () => {
    expect(errorsOf({ name: "   " })).toEqual({ name: "errors.nameRequired" });
    expect(errorsOf({ name: "a".repeat(100) })).toEqual({});
    expect(errorsOf({ name: "a".repeat(101) })).toEqual({ name: "errors.nameTooLong" });
    expect(errorsOf({ name: "a".repeat(500) })).toEqual({ name: "errors.nameTooLong" });
    expect(errorsOf({ name: "Ann\r\nBcc: x@example.org" })).toEqual({ name: "errors.lineBreaks" });
    expect(errorsOf({ name: "<script>alert(1)</script>" })).toEqual({ name: "errors.markup" });
    // C1 controls and Unicode line separators break lines too.
    expect(errorsOf({ name: "Ann\u0085Lee" })).toEqual({ name: "errors.lineBreaks" });
    expect(errorsOf({ name: "Ann\u2028Lee" })).toEqual({ name: "errors.lineBreaks" });
  });

  it("requires a well-formed email address without header-breaking characters", () => {
    expect(errorsOf({ email: "" })).toEqual({ email: "errors.emailRequired" });
    for (const email of ["ann", "ann@", "@example.org", "ann@example", "ann@exa mple.org", "ann@example.org\r\nBcc: b@example.org", "<ann@example.org>"]) {
      expect(errorsOf({ email }), email).toEqual({ email: "errors.emailInvalid" });
    }
  });

  it("requires a known country", () => {
    expect(errorsOf({ country: "" })).toEqual({ country: "errors.countryRequired" });
    expect(errorsOf({ country: "XXX" })).toEqual({ country: "errors.countryUnknown" });
    expect(errorsOf({ country: "FRA' OR 1=1 --" })).toEqual({ country: "errors.countryUnknown" });
  });

  it("limits the comment and refuses markup and control characters in it", () => {
    expect(errorsOf({ comment: "x".repeat(1000) })).toEqual({});
    expect(errorsOf({ comment: "x".repeat(1001) })).toEqual({ comment: "errors.commentTooLong" });
    expect(errorsOf({ comment: "x".repeat(1_000_000) })).toEqual({ comment: "errors.commentTooLong" });
    expect(errorsOf({ comment: 'Look <img src=x onerror="alert(1)">' })).toEqual({ comment: "errors.markup" });
    expect(errorsOf({ comment: "bell\u0007" })).toEqual({ comment: "errors.controlCharacters" });
    expect(errorsOf({ comment: "c1\u009b" })).toEqual({ comment: "errors.controlCharacters" });
    expect(errorsOf({ comment: "one\r\ntwo\nthree" })).toEqual({});
    expect(errorsOf({ comment: "2 < 3 and 5 > 4" })).toEqual({});
  });

  it("reports every bad field at once", () => {
    expect(Object.keys(errorsOf({ name: "", email: "x", country: "", comment: "<b>" })).sort()).toEqual(["comment", "country", "email", "name"]);
  });

  it("ignores a malformed referral code rather than refusing the signature", () => {
    const result = validateSignature(valid, "'; drop table signatures; --", known);
    expect(result.ok && result.signature.referredBy).toBeNull();
  });
});

describe("readSignatureValues", () => {
  it("reads strings and checkboxes, and treats missing or non-string fields as empty", () => {
    const form = new FormData();
    form.set("name", "Ann");
    form.set("showName", "on");
    form.set("email", new Blob(["x"]));
    expect(readSignatureValues(form)).toEqual({ name: "Ann", email: "", country: "", comment: "", showName: true, mailConsent: false, partnerConsent: false });
  });
});
