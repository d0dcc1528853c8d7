export interface LocalizedText {
  language: string;
  title: string;
  bodyMarkdown: string;
  addressedTo: string;
}

/**
 * The words in the reader's language, else the petition's default language
 * (and `fallback` says so, for a note on the page).
 */
export function pickText<T extends LocalizedText>(texts: readonly T[], lng: string, defaultLanguage: string): { text: T; fallback: boolean } | null {
  const own = texts.find((t) => t.language === lng);
  if (own) return { text: own, fallback: false };
  const fallback = texts.find((t) => t.language === defaultLanguage) ?? texts[0];
  return fallback ? { text: fallback, fallback: true } : null;
}

/** First name only, for the list of recent signers. */
export function publicFirstName(name: string): string {
  return name.trim().split(/\s+/u)[0] ?? "";
}
