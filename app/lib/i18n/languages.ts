/** The languages the platform speaks; add one here and in `locales/<code>/`. */
export const SUPPORTED_LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** The cookie that remembers the language of the last page seen, for `/`; set by the server on private pages, by the browser on public ones. */
export const LANGUAGE_COOKIE = "lng";
export const LANGUAGE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/** Namespaces a page may be sent to the browser with (`emails` stays on the server). */
export const PAGE_NAMESPACES = ["common", "countries", "petitions", "letters", "follows", "asks", "updates", "share", "partners", "signIn", "organize", "organizeUpdates", "organizeShare", "organizePartners", "organizeApi", "transparency"] as const;
export type PageNamespace = (typeof PAGE_NAMESPACES)[number];

/** What public pages use: the organizer area's texts (half of the total) stay out of their pages. */
const PUBLIC_NAMESPACES: readonly PageNamespace[] = ["common", "countries", "petitions", "letters", "follows", "asks", "updates", "share", "partners"];
/** A petition's log page: the public texts and the log's own, which no other page needs. */
const VERIFY_NAMESPACES: readonly PageNamespace[] = [...PUBLIC_NAMESPACES, "transparency"];
/** The sign-in pages are public: their own few texts, none of the organizer area's. */
const SIGN_IN_NAMESPACES: readonly PageNamespace[] = [...PUBLIC_NAMESPACES, "signIn"];
const ORGANIZER_NAMESPACES: readonly PageNamespace[] = [...PUBLIC_NAMESPACES, "organize", "organizeUpdates", "organizeShare", "organizePartners", "organizeApi"];

/** True for the organizer area, `/:lng/organize/…`. */
export const isOrganizerArea = (pathname: string) => /^\/[^/]+\/organize(\/|$)/u.test(pathname);

/** True for the sign-in pages, `/:lng/organize/sign-in` and the link from the mail, `/:lng/organize/sign-in/:token`. */
export const isSignInPage = (pathname: string) => /^\/[^/]+\/organize\/sign-in(\/[^/]*)?\/?$/u.test(pathname);

/** True for a petition's log page, `/:lng/petitions/:slug/verify`. */
export const isVerifyPage = (pathname: string) => /^\/[^/]+\/petitions\/[^/]+\/verify\/?$/u.test(pathname);

/** Which set of texts a page at this path is sent with: crossing from one to another fetches them again. */
export const textSetOf = (pathname: string): "public" | "signIn" | "organize" | "verify" =>
  isSignInPage(pathname) ? "signIn" : isOrganizerArea(pathname) ? "organize" : isVerifyPage(pathname) ? "verify" : "public";

/**
 * The namespaces a page is sent to the browser with. The organizer area's texts go only to a
 * signed-in organizer, on its pages; the sign-in pages carry their own; everyone else, a
 * stranger's 404 under `/organize` included, gets the public texts.
 */
export function namespacesFor(pathname: string, signedIn: boolean): readonly PageNamespace[] {
  const set = textSetOf(pathname);
  if (set === "signIn") return SIGN_IN_NAMESPACES;
  if (set === "verify") return VERIFY_NAMESPACES;
  return set === "organize" && signedIn ? ORGANIZER_NAMESPACES : PUBLIC_NAMESPACES;
}

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
