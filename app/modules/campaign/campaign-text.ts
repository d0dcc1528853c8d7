/**
 * A campaign's words in the reader's language, else in its default language
 * (and `fallback` says so, for a note on the page); null without any text.
 */
export function pickText<T extends { language: string }>(texts: readonly T[], lng: string, defaultLanguage: string): { text: T; fallback: boolean } | null {
  const own = texts.find((t) => t.language === lng);
  if (own) return { text: own, fallback: false };
  const fallback = texts.find((t) => t.language === defaultLanguage) ?? texts[0];
  return fallback ? { text: fallback, fallback: true } : null;
}
