/**
 * How the server's page cache (server/page-cache.ts) may replay a public page to other
 * visitors. A route says it in its `handle`; a route that says nothing is never replayed.
 *
 * - `same-for-everyone`: the page shows every visitor the same thing: one copy for all.
 * - `by-visitor-country`: the page pre-selects the visitor's likely country (from
 *   Accept-Language): one copy per likely country.
 * - `by-visitor-country-except-in-surge`: as `by-visitor-country` normally; in surge mode the
 *   loader pre-selects no country (the browser does), so one copy serves everyone.
 *
 * Only GETs without a query string are replayed, whatever a page declares.
 */
export const PAGE_CACHEABILITIES = ["same-for-everyone", "by-visitor-country", "by-visitor-country-except-in-surge"] as const;
export type PageCacheability = (typeof PAGE_CACHEABILITIES)[number];

export const isPageCacheability = (value: unknown): value is PageCacheability => PAGE_CACHEABILITIES.includes(value as PageCacheability);

/**
 * Whether a page with this cacheability may show the visitor's likely country now. The page
 * cache keys its copies by the same answer, so a loader that asks here never shows one
 * visitor's country in a copy other visitors get.
 */
export function showsVisitorCountry(page: PageCacheability, surge: { active: boolean }): boolean {
  switch (page) {
    case "same-for-everyone":
      return false;
    case "by-visitor-country":
      return true;
    case "by-visitor-country-except-in-surge":
      return !surge.active;
  }
}
