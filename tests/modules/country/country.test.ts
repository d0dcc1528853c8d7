import { describe, expect, it } from "vitest";
import { canonicalCountrySegment, likelyCountryFromAcceptLanguage, parseCountryCode } from "~/modules/country/country";

describe("parseCountryCode", () => {
  it.each([
    ["fr", { alphabet: "alpha2", code: "FR" }],
    ["FRA", { alphabet: "alpha3", code: "FRA" }],
    [" usa ", { alphabet: "alpha3", code: "USA" }],
  ])("reads %j", (raw, expected) => {
    expect(parseCountryCode(raw)).toEqual(expected);
  });
  it.each(["", "f", "fran", "f1", "é", "../etc", "FR%00"])("refuses %j", (raw) => {
    expect(parseCountryCode(raw)).toBeNull();
  });
});

describe("canonicalCountrySegment", () => {
  it("is lower-case alpha-3", () => {
    expect(canonicalCountrySegment("EUU")).toBe("euu");
  });
});

describe("likelyCountryFromAcceptLanguage", () => {
  it.each([
    ["fr-CA,fr;q=0.9", "CA"],
    ["fr,en-GB;q=0.8", "GB"],
    ["en-US;q=0.5, es-MX;q=0.9", "MX"],
    ["zh-Hans-CN", "CN"],
    ["es-419", null],
    ["fr", null],
    ["", null],
    [null, null],
    ["de-DE;q=0", null],
    // The browser's navigator.languages joined with commas (the sign form in surge mode): first region wins.
    ["pt,pt-BR,en-US", "BR"],
  ])("%s → %s", (header, expected) => {
    expect(likelyCountryFromAcceptLanguage(header)).toBe(expected);
  });
});
