/** The languages the platform speaks; add one here and in `locales/<code>/`. */
export const SUPPORTED_LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** Namespaces sent to the browser with every page (`emails` stays on the server). */
export const PAGE_NAMESPACES = ["common", "countries", "petitions", "letters", "organize"] as const;
export type PageNamespace = (typeof PAGE_NAMESPACES)[number];

/** What public pages use: the organizer area's texts (half of the total) stay out of their pages. */
const PUBLIC_NAMESPACES: readonly PageNamespace[] = ["common", "countries", "petitions", "letters"];

/** True for the organizer area, `/:lng/organize/…`. */
export const isOrganizerArea = (pathname: string) => /^\/[^/]+\/organize(\/|$)/u.test(pathname);

/** The namespaces a page at this path is sent to the browser with. */
export const namespacesFor = (pathname: string): readonly PageNamespace[] => (isOrganizerArea(pathname) ? PAGE_NAMESPACES : PUBLIC_NAMESPACES);

const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(["ar", "fa", "he", "ur"]);

/** Each language's name in itself, for the language switcher. */
export const LANGUAGE_ENDONYMS: Record<Language, string> = {
  en: "English",
  fr: "Français",
  es: "Español",
  ar: "العربية",
  ru: "Русский",
  zh: "中文",
};

export function isSupportedLanguage(value: string | undefined): value is Language {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(value ?? "");
}

export function textDirection(lng: string): "ltr" | "rtl" {
  return RIGHT_TO_LEFT.has(lng) ? "rtl" : "ltr";
}

/** `/fr/countries/fra?x=1` seen in another language: `/ar/countries/fra?x=1`. */
export function pathInLanguage(pathname: string, search: string, lng: Language): string {
  const [, first = "", ...rest] = pathname.split("/");
  const tail = isSupportedLanguage(first) ? rest : [first, ...rest].filter(Boolean);
  return `/${[lng, ...tail].join("/")}${search}`;
}
