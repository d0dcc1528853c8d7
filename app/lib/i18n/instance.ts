import i18next, { type i18n as I18n } from "i18next";
import { DEFAULT_LANGUAGE, PAGE_NAMESPACES } from "./languages";

export type NamespaceResources = Record<string, unknown>;
export type LanguageResources = Record<string, NamespaceResources>;

/**
 * A synchronous i18next instance for one language, on the server and in the
 * browser alike: the root loader sends the resources, so nothing is fetched.
 */
export function createI18n(lng: string, resources: LanguageResources): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: [...PAGE_NAMESPACES],
    defaultNS: "common",
    resources: { [lng]: resources },
    initImmediate: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}
