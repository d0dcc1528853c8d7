import { describe, expect, it } from "vitest";
import { composeLetter, validateLetter, type LetterFormValues } from "~/modules/letter/letter-form";

const allowed = new Set([1, 2]);
const good: LetterFormValues = {
  country: "FRA",
  targets: ["1", "2"],
  subject: "Please do not ratify",
  body: "Dear {{target.name}},\n\nThe convention is dangerous.\n\nYours,\n{{sender.name}}",
  personal: "I am a journalist in Lyon and my sources depend on encryption.",
  name: "Ann Lee",
  email: "ann@example.org",
  city: "Lyon",
};
const errorsOf = (values: Partial<LetterFormValues>) => {
  const result = validateLetter({ ...good, ...values }, "FRA", allowed, 40);
  return result.ok ? {} : result.errors;
};

describe("validateLetter", () => {
  it("accepts a good letter", () => {
    const result = validateLetter({ ...good, targets: ["1", "1", "2"], city: " " }, "FRA", allowed, 40);
    expect(result).toMatchObject({ ok: true, letter: { countryCode: "FRA", targetIds: [1, 2], city: null, email: "ann@example.org" } });
  });

  it("keeps the consent to campaign news: ticked, or not (unticked when absent)", () => {
    expect(validateLetter({ ...good, mailConsent: true }, "FRA", allowed, 40)).toMatchObject({ ok: true, letter: { mailConsent: true } });
    expect(validateLetter(good, "FRA", allowed, 40)).toMatchObject({ ok: true, letter: { mailConsent: false } });
  });

  it("requires a personal paragraph of the campaign's minimum length", () => {
    expect(errorsOf({ personal: "" })).toEqual({ personal: "errors.personalTooShort" });
    expect(errorsOf({ personal: "Too short." })).toEqual({ personal: "errors.personalTooShort" });
  });

  it("only lets the sender choose among the allowed targets, by id", () => {
    expect(errorsOf({ targets: [] })).toEqual({ targets: "errors.targetsRequired" });
    expect(errorsOf({ targets: ["1", "3"] })).toEqual({ targets: "errors.targetUnknown" });
    expect(errorsOf({ targets: ["victim@example.org"] })).toEqual({ targets: "errors.targetUnknown" });
  });

  it("refuses CR/LF in the subject, HTML in the body, a 100 KB body and link spam", () => {
    expect(errorsOf({ subject: "Hi\r\nBcc: x@example.org" })).toEqual({ subject: "errors.lineBreaks" });
    expect(errorsOf({ body: "<a href=x>click</a>" })).toEqual({ body: "errors.markup" });
    expect(errorsOf({ body: "x".repeat(100 * 1024) })).toEqual({ body: "errors.bodyTooLong" });
    expect(errorsOf({ personal: `${"Read this, it matters to me. ".repeat(2)} https://a.example https://b.example http://c.example www.d.example` })).toEqual({ personal: "errors.tooManyLinks" });
  });

  it("lists every bad field at once", () => {
    expect(Object.keys(errorsOf({ subject: "", body: "", name: "", email: "x" })).sort()).toEqual(["body", "email", "name", "subject"]);
  });
});

describe("composeLetter", () => {
  it("puts the sender's own paragraph right after the greeting", () => {
    expect(composeLetter("Dear X,\n\nTemplate text.\n\nYours,\nAnn", "My own words.")).toBe("Dear X,\n\nMy own words.\n\nTemplate text.\n\nYours,\nAnn");
  });
});
