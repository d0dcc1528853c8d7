const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A country's name in a language from the runtime's CLDR data, unless the
 * locale files override it (e.g. the European Union).
 */
export function countryName(lng: string, code2: string, overrides: Readonly<Record<string, string>> = {}): string {
  const override = overrides[code2];
  if (override) return override;
  let names = displayNames.get(lng);
  if (!names) {
    names = new Intl.DisplayNames([lng], { type: "region", fallback: "code" });
    displayNames.set(lng, names);
  }
  return names.of(code2) ?? code2;
}
