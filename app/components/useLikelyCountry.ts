import { useEffect, useState } from "react";
import { findLikelyCountry } from "~/modules/country/country";

/**
 * The visitor's likely country among `countries` (from the region of the browser's languages,
 * `fr-CA` → Canada), found in the browser after the page is shown: the server renders one copy of
 * a public page for everyone (shared caches keep it), so it never guesses from Accept-Language.
 * Null on the server, in the first render (so hydration matches) and without JavaScript: then the
 * visitor picks.
 */
export function useLikelyCountry<C extends { code2: string }>(countries: readonly C[]): C | null {
  const [likely, setLikely] = useState<C | null>(null);
  useEffect(() => {
    setLikely(findLikelyCountry(navigator.languages.join(","), countries));
  }, [countries]);
  return likely;
}
