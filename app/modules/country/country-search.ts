/**
 * Finding a country from what someone types: names in any supported language,
 * ISO codes and common short names, ignoring case, accents and punctuation.
 */
export interface SearchableCountry {
  code3: string;
  code2: string;
  /** Every name and alias the country may be typed as. */
  names: readonly string[];
}

export interface CountrySearchIndex {
  entries: { code3: string; codes: string[]; names: string[] }[];
}

export function normalizeForSearch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function buildSearchIndex(countries: readonly SearchableCountry[]): CountrySearchIndex {
  return {
    entries: countries.map((c) => ({
      code3: c.code3,
      codes: [c.code2.toLowerCase(), c.code3.toLowerCase()],
      names: [...new Set(c.names.map(normalizeForSearch).filter(Boolean))],
    })),
  };
}

const RANK = { code: 0, exact: 1, prefix: 2, wordPrefix: 3, contains: 4 } as const;

function rankOf(entry: CountrySearchIndex["entries"][number], query: string): number | undefined {
  if (entry.codes.includes(query)) return RANK.code;
  let best: number | undefined;
  for (const name of entry.names) {
    const rank =
      name === query
        ? RANK.exact
        : name.startsWith(query)
          ? RANK.prefix
          : name.split(" ").some((word) => word.startsWith(query))
            ? RANK.wordPrefix
            : name.includes(query)
              ? RANK.contains
              : undefined;
    if (rank !== undefined && (best === undefined || rank < best)) best = rank;
  }
  return best;
}

/** Alpha-3 codes of the matching countries, best match first. */
export function searchCountries(index: CountrySearchIndex, rawQuery: string, limit = 10): string[] {
  const query = normalizeForSearch(rawQuery);
  if (!query) return [];
  return index.entries
    .map((entry) => ({ code3: entry.code3, rank: rankOf(entry, query) }))
    .filter((m): m is { code3: string; rank: number } => m.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.code3.localeCompare(b.code3))
    .slice(0, limit)
    .map((m) => m.code3);
}

/** True when the query names one country unambiguously (a code or a full name). */
export function isDecisiveMatch(index: CountrySearchIndex, rawQuery: string, code3: string): boolean {
  const entry = index.entries.find((e) => e.code3 === code3);
  const query = normalizeForSearch(rawQuery);
  const rank = entry ? rankOf(entry, query) : undefined;
  return rank === RANK.code || rank === RANK.exact;
}
