import { readFileSync } from "node:fs";
import worldCountries from "world-countries";
import { describe, expect, it } from "vitest";
import { formatNumber } from "~/lib/i18n/format";
import { SUPPORTED_LANGUAGES, type Language } from "~/lib/i18n/languages";
import { pageResources } from "~/lib/i18n/resources.server";
import { countryNameOverrides } from "~/lib/i18n/translate.server";
import { countryName } from "~/modules/country/country-names";
import { glyphSources, missingGlyphs, type GlyphSource } from "~/modules/share/card-fonts.server";

/**
 * Every character a card can draw must have a glyph in the fonts the card is drawn with: a
 * missing one is drawn as an empty box ("tofu"), which no pixel comparison of a few samples
 * would catch for a name no sample has.
 */

/** Every string below a key, with `{{…}}` placeholders removed (what fills them is checked on its own). */
function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value.replace(/\{\{[^}]+\}\}/gu, "")];
  if (value && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [];
}

/** Campaign titles as organizers write them, in each language, beside the demo campaigns' own. */
const SAMPLE_TITLES: Record<Language, string[]> = {
  en: ["Don't ratify — not without safeguards! (Art. 35, §2) “quotes” 100% & more?"],
  fr: ["Ne ratifiez pas sans garanties : « droits » d’abord — œuvre, ça, où, À Ç É È Ê Ë Î Ï Ô Ù Û Ü Ÿ"],
  es: ["¿Por qué firmar? ¡Ahora! Niño, acción, pingüino — «garantías»"],
  ar: ["لا تصادقوا على الاتفاقية دون ضمانات لحقوق الإنسان! ٢٠٢٥ (المادة ٣٥) «الآن» ؟ ، ؛"],
  ru: ["Не ратифицируйте конвенцию без гарантий прав человека! Ёлка, «сейчас» — №5"],
  zh: ["不要在没有人权保障的情况下批准《联合国打击网络犯罪公约》！现在签名：100%，“保障”、（第35条）"],
};

function demoTitles(): { language: string; title: string }[] {
  const read = (file: string, key: string) =>
    (JSON.parse(readFileSync(`db/seeds/demo/${file}`, "utf8"))[key] as { texts: Record<string, { title: string }> }[]).flatMap((c) =>
      Object.entries(c.texts).map(([language, text]) => ({ language, title: text.title })),
    );
  return [...read("petitions.json", "petitions"), ...read("letter-campaigns.json", "campaigns")];
}

/** What a card in `lng` may draw in the page's language: the card texts, names, figures. */
function cardTexts(lng: Language): string[] {
  const resources = pageResources(lng) as Record<string, Record<string, unknown>>;
  const common = resources.common ?? {};
  const overrides = countryNameOverrides(lng);
  const codes2 = new Set([...worldCountries.map((c) => c.cca2), ...Object.keys(overrides)]);
  return [
    ...leaves(resources.share?.card),
    ...leaves((resources.countries as { status?: unknown }).status),
    String(common.siteName),
    String((common.home as { question: string }).question),
    ...[...codes2].map((code2) => countryName(lng, code2, overrides)),
    ...[0, 7, 99, 1_200, 12_000, 1_234_567].map((n) => formatNumber(lng, n)),
    "…",
  ];
}

function missingIn(texts: readonly string[], fonts: readonly GlyphSource[]): { text: string; missing: string[] }[] {
  return texts.map((text) => ({ text, missing: missingGlyphs(text, fonts) })).filter((r) => r.missing.length > 0);
}

describe("glyph coverage of the cards' fonts", () => {
  for (const lng of SUPPORTED_LANGUAGES) {
    it(`${lng}: every card text, country name and figure has a glyph in both weights`, () => {
      const texts = cardTexts(lng);
      expect(texts.length).toBeGreaterThan(250);
      for (const weight of [400, 700] as const) expect(missingIn(texts, glyphSources([lng], weight))).toEqual([]);
    });

    it(`${lng}: campaign titles in its script, and titles that fell back to another language`, () => {
      const titles = [...SAMPLE_TITLES[lng].map((title) => ({ language: lng, title })), ...demoTitles()];
      for (const { language, title } of titles) {
        for (const weight of [400, 700] as const) expect(missingIn([title], glyphSources([lng, language], weight)), `${language}: ${title}`).toEqual([]);
      }
    });
  }

  it("fails for a character no font of the chain has", () => {
    expect(missingGlyphs("Treaty 条约", glyphSources(["en"], 700))).toEqual(["条", "约"]);
    expect(missingGlyphs("조약 ต", glyphSources(["ar"], 400))).toEqual(["조", "약", "ต"]);
    // A stand-in font without "é": the check names it, once.
    const withoutE: GlyphSource = { unitsPerEm: 1000, hasGlyphForCodePoint: (cp) => cp !== 0xe9, layout: () => ({ advanceWidth: 0 }) };
    expect(missingIn(["Liberté, égalité"], [withoutE])).toEqual([{ text: "Liberté, égalité", missing: ["é"] }]);
    // Spaces and direction marks draw nothing: never missing.
    expect(missingGlyphs("a b\u200f", [withoutE])).toEqual([]);
  });
});
