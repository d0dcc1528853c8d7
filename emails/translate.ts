import i18next, { type TFunction } from "i18next";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_LANGUAGE, isSupportedLanguage } from "../app/lib/i18n/languages";

const translators = new Map<string, TFunction>();

function emailStrings(lng: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(process.cwd(), "locales", lng, "emails.json"), "utf8")) as Record<string, unknown>;
}

/** Mail copy from `locales/<lng>/emails.json`, English for a language we do not have. */
export function emailT(lng: string): TFunction {
  const language = isSupportedLanguage(lng) ? lng : DEFAULT_LANGUAGE;
  let t = translators.get(language);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      ns: ["emails"],
      defaultNS: "emails",
      resources: { [language]: { emails: emailStrings(language) }, [DEFAULT_LANGUAGE]: { emails: emailStrings(DEFAULT_LANGUAGE) } },
      initImmediate: false,
      // Mail bodies are escaped by the layout for HTML; the plain text stays as written.
      interpolation: { escapeValue: false },
    });
    t = instance.t;
    translators.set(language, t);
  }
  return t;
}
