/**
 * Country positions on a treaty: pure rules, no I/O.
 */
export type CountryCodeInput = { alphabet: "alpha2" | "alpha3"; code: string };

/** `fr`, `FRA`, ` fra ` → a normalized code; anything else → null. */
export function parseCountryCode(raw: string): CountryCodeInput | null {
  const code = raw.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code)) return { alphabet: "alpha2", code };
  if (/^[A-Z]{3}$/.test(code)) return { alphabet: "alpha3", code };
  return null;
}

/** The one URL form of a country: lower-case alpha-3. */
export function canonicalCountrySegment(code3: string): string {
  return code3.toLowerCase();
}

/**
 * The country a visitor is probably in, from the region of their preferred
 * languages (`fr-CA` → `CA`), best q-value first; null when none says.
 */
export function likelyCountryFromAcceptLanguage(header: string | null): string | null {
  const tags = (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? "1");
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of tags) {
    const region = tag.split("-").slice(1).find((subtag) => /^[A-Za-z]{2}$/.test(subtag));
    if (region) return region.toUpperCase();
  }
  return null;
}

/** The visitor's likely country among those we track, to offer it first. */
export function findLikelyCountry<C extends { code2: string }>(acceptLanguage: string | null, countries: readonly C[]): C | null {
  const code2 = likelyCountryFromAcceptLanguage(acceptLanguage);
  return (code2 && countries.find((c) => c.code2 === code2)) || null;
}
