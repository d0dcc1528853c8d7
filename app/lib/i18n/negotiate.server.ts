import Negotiator from "negotiator";
import { DEFAULT_LANGUAGE, isSupportedLanguage, LANGUAGE_COOKIE, SUPPORTED_LANGUAGES, type Language } from "./languages";

export { LANGUAGE_COOKIE };

function cookieLanguage(cookieHeader: string | null): Language | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LANGUAGE_COOKIE && isSupportedLanguage(value)) return value;
  }
  return undefined;
}

/**
 * The visitor's language: the remembered choice, then the best match of the
 * whole Accept-Language list by q-value (`de-DE,fr;q=0.8` → `fr`), then English.
 */
export function negotiateLanguage(headers: Headers): Language {
  const remembered = cookieLanguage(headers.get("cookie"));
  if (remembered) return remembered;
  const accept = headers.get("accept-language");
  if (accept) {
    const negotiator = new Negotiator({ headers: { "accept-language": accept } });
    const [best] = negotiator.languages([...SUPPORTED_LANGUAGES]);
    if (isSupportedLanguage(best)) return best;
  }
  return DEFAULT_LANGUAGE;
}
