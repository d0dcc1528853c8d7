import { describe, expect, it } from "vitest";
import { isOrganizerArea, isSignInPage, isVerifyPage, isSupportedLanguage, namespacesFor, pathInLanguage, textDirection, textSetOf } from "~/lib/i18n/languages";
import { negotiateLanguage } from "~/lib/i18n/negotiate.server";

describe("pathInLanguage", () => {
  it("swaps the language prefix and keeps the rest of the page", () => {
    expect(pathInLanguage("/fr/countries/fra", "?x=1", "ar")).toBe("/ar/countries/fra?x=1");
    expect(pathInLanguage("/en", "", "zh")).toBe("/zh");
  });
  it("adds a prefix to a path without one", () => {
    expect(pathInLanguage("/", "", "ru")).toBe("/ru");
    expect(pathInLanguage("/xx/page", "", "es")).toBe("/es/xx/page");
  });
});

describe("textDirection", () => {
  it("is rtl for Arabic only among the supported languages", () => {
    expect(textDirection("ar")).toBe("rtl");
    for (const lng of ["en", "fr", "es", "ru", "zh"]) expect(textDirection(lng)).toBe("ltr");
  });
});

describe("isSupportedLanguage", () => {
  it("accepts exactly the six UN languages", () => {
    expect(["en", "fr", "es", "ar", "ru", "zh"].every(isSupportedLanguage)).toBe(true);
    expect(isSupportedLanguage("de")).toBe(false);
    expect(isSupportedLanguage("EN")).toBe(false);
    expect(isSupportedLanguage(undefined)).toBe(false);
  });
});

describe("negotiateLanguage", () => {
  const negotiate = (headers: Record<string, string>) => negotiateLanguage(new Headers(headers));
  it("prefers the remembered cookie", () => {
    expect(negotiate({ cookie: "a=1; lng=ar", "accept-language": "fr" })).toBe("ar");
  });
  it("ignores a cookie with an unsupported language", () => {
    expect(negotiate({ cookie: "lng=de", "accept-language": "es" })).toBe("es");
  });
  it("weighs the whole Accept-Language list by q-value", () => {
    expect(negotiate({ "accept-language": "de-DE,fr;q=0.8" })).toBe("fr");
    expect(negotiate({ "accept-language": "de;q=1, ru;q=0.3, zh;q=0.5" })).toBe("zh");
    expect(negotiate({ "accept-language": "fr-CA" })).toBe("fr");
    expect(negotiate({ "accept-language": "zh-Hant-TW,zh;q=0.9" })).toBe("zh");
  });
  it("falls back to English", () => {
    expect(negotiate({})).toBe("en");
    expect(negotiate({ "accept-language": "de-DE, ja;q=0.5" })).toBe("en");
    expect(negotiate({ "accept-language": "garbage;;;q=x" })).toBe("en");
  });
});

describe("namespacesFor", () => {
  const PUBLIC = ["common", "countries", "petitions", "letters", "follows", "asks", "updates", "share", "partners"];

  it("sends the organizer area's texts only to a signed-in organizer in the organizer area", () => {
    for (const path of ["/en/organize", "/fr/organize/", "/ar/organize/petitions/x/edit", "/en/organize/sign-in-history"]) {
      expect(isOrganizerArea(path), path).toBe(true);
      expect(textSetOf(path), path).toBe("organize");
      expect(namespacesFor(path, true), path).toEqual([...PUBLIC, "organize", "organizeUpdates", "organizeShare", "organizePartners", "organizeApi"]);
      // A stranger there gets a redirect or a 404 page: public texts only.
      expect(namespacesFor(path, false), path).toEqual(PUBLIC);
    }
    for (const path of ["/en", "/en/petitions/organize", "/en/organizers", "/organize", "/embed/petitions/x"]) {
      expect(isOrganizerArea(path), path).toBe(false);
      expect(textSetOf(path), path).toBe("public");
      for (const signedIn of [true, false]) expect(namespacesFor(path, signedIn)).toEqual(PUBLIC);
    }
  });

  it("sends the sign-in pages their own few texts and none of the organizer area's", () => {
    for (const path of ["/en/organize/sign-in", "/ar/organize/sign-in/", "/zh/organize/sign-in/123.abcDEF_-"]) {
      expect(isSignInPage(path), path).toBe(true);
      expect(textSetOf(path), path).toBe("signIn");
      for (const signedIn of [true, false]) expect(namespacesFor(path, signedIn), path).toEqual([...PUBLIC, "signIn"]);
    }
    for (const path of ["/en/organize/sign-in/x/y", "/en/organize/sign-out", "/en/sign-in"]) expect(isSignInPage(path), path).toBe(false);
  });

  it("sends a petition's log page the log's texts, and no other page", () => {
    for (const path of ["/en/petitions/ban-the-bomb/verify", "/ar/petitions/x/verify/"]) {
      expect(isVerifyPage(path), path).toBe(true);
      expect(textSetOf(path), path).toBe("verify");
      for (const signedIn of [true, false]) expect(namespacesFor(path, signedIn), path).toEqual([...PUBLIC, "transparency"]);
    }
    for (const path of ["/en/petitions/verify", "/en/petitions/x", "/en/petitions/x/verify/y", "/en/organize/petitions/x/verify", "/en/letters/x/verify"]) {
      expect(isVerifyPage(path), path).toBe(false);
      expect(namespacesFor(path, false), path).not.toContain("transparency");
    }
  });
});
