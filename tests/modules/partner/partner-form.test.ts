import { describe, expect, it } from "vitest";
import { readPartnerValues, validatePartner, type PartnerFormValues } from "~/modules/partner/partner-form";

const good: PartnerFormValues = {
  name: "Electronic Frontier Foundation",
  code: "eff",
  websiteUrl: "https://www.eff.org",
  privacyUrl: "https://www.eff.org/policy",
  contactEmail: "Campaigns@EFF.org",
  active: true,
};

describe("the partner form", () => {
  it("accepts a partner and tidies it (trimmed, the contact address in lower case)", () => {
    const checked = validatePartner({ ...good, name: "  Electronic Frontier Foundation " });
    expect(checked).toEqual({ ok: true, partner: { ...good, contactEmail: "campaigns@eff.org" } });
  });

  it("reads the fields as a browser posts them (an unticked box is absent)", () => {
    expect(readPartnerValues(new URLSearchParams({ name: "X", code: "x" }))).toEqual({ name: "X", code: "x", websiteUrl: "", privacyUrl: "", contactEmail: "", active: false });
    expect(readPartnerValues(new URLSearchParams({ active: "on" })).active).toBe(true);
  });

  it("says what is wrong with each field", () => {
    expect(validatePartner({ name: "", code: "", websiteUrl: "", privacyUrl: "", contactEmail: "", active: true })).toEqual({
      ok: false,
      errors: {
        name: "partners.errors.nameRequired",
        code: "partners.errors.codeRequired",
        websiteUrl: "partners.errors.websiteRequired",
        privacyUrl: "partners.errors.privacyRequired",
        contactEmail: "partners.errors.emailRequired",
      },
    });
  });

  it.each([
    [{ name: "a".repeat(121) }, "name", "partners.errors.nameTooLong"],
    [{ name: "Bad <b>name</b>" }, "name", "partners.errors.nameCharacters"],
    [{ name: "Two\nlines" }, "name", "partners.errors.nameCharacters"],
    [{ code: "EFF" }, "code", "partners.errors.codeFormat"],
    [{ code: "-eff" }, "code", "partners.errors.codeFormat"],
    [{ code: "e f" }, "code", "partners.errors.codeFormat"],
    [{ code: "eff_org" }, "code", "partners.errors.codeFormat"],
    [{ code: "a".repeat(33) }, "code", "partners.errors.codeFormat"],
    [{ websiteUrl: "www.eff.org" }, "websiteUrl", "partners.errors.urlInvalid"],
    [{ websiteUrl: "javascript:alert(1)" }, "websiteUrl", "partners.errors.urlInvalid"],
    [{ websiteUrl: "https://user:pass@eff.org" }, "websiteUrl", "partners.errors.urlInvalid"],
    [{ privacyUrl: "ftp://eff.org/policy" }, "privacyUrl", "partners.errors.urlInvalid"],
    [{ privacyUrl: "https://eff.org/a b" }, "privacyUrl", "partners.errors.urlInvalid"],
    [{ privacyUrl: `https://eff.org/${"p".repeat(500)}` }, "privacyUrl", "partners.errors.urlInvalid"],
    [{ contactEmail: "not an address" }, "contactEmail", "partners.errors.emailInvalid"],
    [{ contactEmail: "a@b" }, "contactEmail", "partners.errors.emailInvalid"],
  ] as const)("refuses %o", (change, field, message) => {
    const checked = validatePartner({ ...good, ...change });
    expect(checked).toEqual({ ok: false, errors: { [field]: message } });
  });
});
