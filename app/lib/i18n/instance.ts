import i18next, { type i18n as I18n } from "i18next";
import { DEFAULT_LANGUAGE } from "./languages";

export type NamespaceResources = Record<string, unknown>;
export type LanguageResources = Record<string, NamespaceResources>;

/** Instances by the resources they were made from: one per language and set of namespaces on the server. */
const instances = new WeakMap<LanguageResources, Map<string, I18n>>();

/**
 * A synchronous i18next instance for one language, on the server and in the
 * browser alike: the root loader sends the resources, so nothing is fetched.
 * Made once per resources object: building one took a noticeable share of a
 * page's rendering, and an instance whose language never changes is safe to share.
 */
export function createI18n(lng: string, resources: LanguageResources): I18n {
  const byLanguage = instances.get(resources) ?? new Map<string, I18n>();
  instances.set(resources, byLanguage);
  const known = byLanguage.get(lng);
  if (known) return known;
  const instance = i18next.createInstance();
  byLanguage.set(lng, instance);
  void instance.init({
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: Object.keys(resources),
    defaultNS: "common",
    resources: { [lng]: resources },
    initImmediate: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}
