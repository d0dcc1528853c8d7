import { describe, expect, it } from "vitest";
import { validateTargetRow } from "~/modules/letter/target-row";

const country = (raw: string) => ({ FR: "FRA", FRA: "FRA", fr: "FRA", fra: "FRA" })[raw] ?? null;
const good = {
  country: "fr",
  name: "Jeanne Dupont",
  role: "Minister",
  organization: "Ministry of Foreign Affairs",
  email: " Minister@Example.ORG ",
  language: "fr",
  active: "",
  source_url: "https://example.org/directory",
};

describe("validateTargetRow", () => {
  it("accepts a good row, resolving the country and folding the email", () => {
    expect(validateTargetRow(good, country)).toEqual({
      ok: true,
      target: { countryCode: "FRA", name: "Jeanne Dupont", role: "Minister", organization: "Ministry of Foreign Affairs", email: "minister@example.org", language: "fr", active: true, sourceUrl: "https://example.org/directory" },
    });
  });

  it("reads active as true/false, yes/no or 1/0", () => {
    for (const [raw, value] of [["FALSE", false], ["no", false], ["0", false], ["Yes", true], ["1", true]] as const) {
      const result = validateTargetRow({ ...good, active: raw }, country);
      expect(result.ok && result.target.active, raw).toBe(value);
    }
    expect(validateTargetRow({ ...good, active: "maybe" }, country)).toEqual({ ok: false, problems: [{ column: "active", problem: "active_invalid" }] });
    expect(validateTargetRow({ ...good, active: "constructor" }, country)).toEqual({ ok: false, problems: [{ column: "active", problem: "active_invalid" }] });
  });

  it("reads email_public as true/false, yes/no or 1/0; empty is not public, no column at all leaves it unsaid", () => {
    for (const [raw, value] of [["TRUE", true], ["yes", true], [" 1 ", true], ["false", false], ["No", false], ["0", false], ["", false]] as const) {
      const result = validateTargetRow({ ...good, email_public: raw }, country);
      expect(result.ok && result.target.emailPublic, raw).toBe(value);
    }
    const without = validateTargetRow(good, country);
    expect(without.ok && without.target.emailPublic).toBeUndefined();
    for (const raw of ["public", "maybe", "toString", "__proto__"]) {
      expect(validateTargetRow({ ...good, email_public: raw }, country), raw).toEqual({ ok: false, problems: [{ column: "email_public", problem: "email_public_invalid" }] });
    }
  });

  it("lists every problem of a row", () => {
    const result = validateTargetRow(
      { country: "XX", name: "", role: "Min\nister", organization: "<b>Org</b>", email: "nope", language: "French", active: "true", source_url: "ftp://x" },
      country,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { column: "name", problem: "missing" },
        { column: "role", problem: "control_characters" },
        { column: "organization", problem: "markup" },
        { column: "country", problem: "country_unknown" },
        { column: "email", problem: "email_invalid" },
        { column: "language", problem: "language_invalid" },
        { column: "source_url", problem: "url_invalid" },
      ],
    });
  });

  it("refuses over-long fields and header-breaking addresses", () => {
    expect(validateTargetRow({ ...good, name: "n".repeat(201) }, country)).toMatchObject({ ok: false, problems: [{ column: "name", problem: "too_long" }] });
    expect(validateTargetRow({ ...good, email: "a@example.org\r\nBcc: b@example.org" }, country)).toMatchObject({ ok: false, problems: [{ column: "email", problem: "email_invalid" }] });
  });
});
