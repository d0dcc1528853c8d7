import worldCountries from "world-countries";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { countryName } from "~/modules/country/country-names";
import { buildSearchIndex, isDecisiveMatch, normalizeForSearch, searchCountries } from "~/modules/country/country-search";

// The same inputs the service gives: names in all languages plus the package's aliases.
const index = buildSearchIndex(
  ["FRA", "DEU", "USA", "GBR", "RUS", "TUR", "CIV", "KOR", "PRK", "NER", "NGA", "ARE", "CHN"].map((code3) => {
    const c = worldCountries.find((w) => w.cca3 === code3)!;
    return {
      code3,
      code2: c.cca2,
      names: [
        ...SUPPORTED_LANGUAGES.map((lng) => countryName(lng, c.cca2)),
        c.name.common,
        c.name.official,
        ...c.altSpellings,
      ],
    };
  }),
);

describe("normalizeForSearch", () => {
  it("folds case, accents and punctuation", () => {
    expect(normalizeForSearch("  Côte-d’Ivoire ")).toBe("cote d ivoire");
    expect(normalizeForSearch("TÜRKIYE")).toBe("turkiye");
  });
});

describe("searchCountries", () => {
  it.each([
    ["USA", "USA"],
    ["us", "USA"],
    ["UK", "GBR"],
    ["Russia", "RUS"],
    ["Türkiye", "TUR"],
    ["turkey", "TUR"],
    ["turkiye", "TUR"],
    ["cote d'ivoire", "CIV"],
    ["Allemagne", "DEU"],
    ["Alemania", "DEU"],
    ["Германия", "DEU"],
    ["ألمانيا", "DEU"],
    ["德国", "DEU"],
    ["fra", "FRA"],
  ])("finds %s first", (query, code3) => {
    expect(searchCountries(index, query)[0]).toBe(code3);
  });

  it("lists every country a partial name fits", () => {
    expect(searchCountries(index, "korea").sort()).toEqual(["KOR", "PRK"]);
  });

  it("finds nothing for nonsense or an empty query", () => {
    expect(searchCountries(index, "zzzz")).toEqual([]);
    expect(searchCountries(index, "  ")).toEqual([]);
  });

  it("treats a code or a full name as decisive, a prefix as not", () => {
    expect(isDecisiveMatch(index, "fr", "FRA")).toBe(true);
    expect(isDecisiveMatch(index, "France", "FRA")).toBe(true);
    expect(isDecisiveMatch(index, "Fran", "FRA")).toBe(false);
  });
});
