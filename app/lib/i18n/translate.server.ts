import type { TFunction } from "i18next";
import { createI18n } from "./instance";
import type { Language } from "./languages";
import { pageResources } from "./resources.server";

const translators = new Map<Language, TFunction>();

/** A translation function for loaders and actions (page titles, server-made text). */
export function serverT(lng: Language): TFunction {
  let t = translators.get(lng);
  if (!t) {
    t = createI18n(lng, pageResources(lng)).t;
    translators.set(lng, t);
  }
  return t;
}

/** Country-name overrides from `locales/<lng>/countries.json` (e.g. the EU). */
export function countryNameOverrides(lng: Language): Record<string, string> {
  return (pageResources(lng).countries as { names?: Record<string, string> }).names ?? {};
}

/** "Page · Treaty Watch" in the page's language, for a key of any namespace (with its values, if any). */
export function pageTitle(lng: Language, key: string, values: Record<string, string> = {}): string {
  const t = serverT(lng);
  return `${t(key, values)} · ${t("common:siteName")}`;
}
