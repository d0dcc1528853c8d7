import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PAGE_NAMESPACES, SUPPORTED_LANGUAGES, type Language } from "./languages";

export type NamespaceResources = Record<string, unknown>;
export type LanguageResources = Record<string, NamespaceResources>;

const LOCALES_DIR = join(process.cwd(), "locales");
const cache = new Map<string, LanguageResources>();

/** The page namespaces of one language, read from `locales/` once per process. */
export function pageResources(lng: Language): LanguageResources {
  let resources = cache.get(lng);
  if (!resources) {
    resources = Object.fromEntries(
      PAGE_NAMESPACES.map((ns) => [ns, JSON.parse(readFileSync(join(LOCALES_DIR, lng, `${ns}.json`), "utf8"))]),
    );
    cache.set(lng, resources);
  }
  return resources;
}

export function allPageResources(): Record<Language, LanguageResources> {
  return Object.fromEntries(SUPPORTED_LANGUAGES.map((lng) => [lng, pageResources(lng)])) as Record<
    Language,
    LanguageResources
  >;
}
