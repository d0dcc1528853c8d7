import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LanguageResources } from "./instance";
import { PAGE_NAMESPACES, type Language } from "./languages";


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
