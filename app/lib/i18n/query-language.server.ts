import { isSupportedLanguage, type Language } from "./languages";
import { negotiateLanguage } from "./negotiate.server";

/**
 * The language of a page without a `/:lng` prefix (mail links, the embed):
 * `?lng=` when it names one we have, else the browser's preference.
 */
export function languageFromQuery(request: Request): Language {
  const requested = new URL(request.url).searchParams.get("lng") ?? undefined;
  return isSupportedLanguage(requested) ? requested : negotiateLanguage(request.headers);
}
