import worldCountries from "world-countries";
import { normalizeForSearch } from "./country-search";

/**
 * The depositary's English names that `world-countries` does not know, by
 * alpha-3. Everything else (`Türkiye`, `Viet Nam`, `Iran (Islamic Republic of)`,
 * `State of Palestine`…) is among its common, official or alternative names.
 */
const DEPOSITARY_ALIASES: Readonly<Record<string, string>> = {
  "European Union": "EUU",
  "Holy See": "VAT",
  "Cabo Verde": "CPV",
  "Netherlands (Kingdom of the)": "NLD",
};

let index: Map<string, string> | undefined;

/** Normalized name → alpha-3; a name two countries share is left out, so it is never matched to the wrong one. */
function nameIndex(): Map<string, string> {
  if (index) return index;
  const codes = new Map<string, Set<string>>();
  const add = (name: string, code3: string) => {
    const key = normalizeForSearch(name);
    if (key) codes.set(key, (codes.get(key) ?? new Set()).add(code3));
  };
  for (const country of worldCountries) {
    for (const name of [country.name.common, country.name.official, ...country.altSpellings]) add(name, country.cca3);
  }
  for (const [name, code3] of Object.entries(DEPOSITARY_ALIASES)) add(name, code3);
  index = new Map([...codes].filter(([, found]) => found.size === 1).map(([key, found]) => [key, [...found][0]!]));
  return index;
}

/** The alpha-3 code of a participant as the depositary names it, ignoring case, accents and punctuation; null when unknown. */
export function matchDepositaryName(name: string): string | null {
  return nameIndex().get(normalizeForSearch(name)) ?? null;
}
