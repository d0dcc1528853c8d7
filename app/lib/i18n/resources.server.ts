import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LanguageResources } from "./instance";
import { PAGE_NAMESPACES, type Language, type PageNamespace } from "./languages";


const LOCALES_DIR = join(process.cwd(), "locales");
const cache = new Map<string, LanguageResources>();

/**
 * Page namespaces of one language, read from `locales/` once per process. The
 * same object for the same language and namespaces, so an i18next instance
 * built from it can be reused (see `createI18n`).
 */
export function pageResources(lng: Language, namespaces: readonly PageNamespace[] = PAGE_NAMESPACES): LanguageResources {
  const key = `${lng}:${namespaces.join(",")}`;
  let resources = cache.get(key);
  if (!resources) {
    resources = Object.fromEntries(namespaces.map((ns) => [ns, JSON.parse(readFileSync(join(LOCALES_DIR, lng, `${ns}.json`), "utf8"))]));
    cache.set(key, resources);
  }
  return resources;
}
