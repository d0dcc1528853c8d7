/**
 * How the server's page cache (server/page-cache.ts) may replay a public page to other
 * visitors. A route says it in its `handle`; a route that says nothing is never replayed.
 *
 * - `same-for-everyone`: the page shows every visitor the same bytes: one copy for all. Nothing
 *   per visitor is rendered on the server (the visitor's likely country is pre-selected by the
 *   browser, `useLikelyCountry`), so this is the only kind; the same holds for shared caches in
 *   front (docs/decisions/0042-public-pages-for-shared-caches.md).
 *
 * Only GETs without a query string are replayed, whatever a page declares.
 */
export const PAGE_CACHEABILITIES = ["same-for-everyone"] as const;
export type PageCacheability = (typeof PAGE_CACHEABILITIES)[number];

export const isPageCacheability = (value: unknown): value is PageCacheability => PAGE_CACHEABILITIES.includes(value as PageCacheability);
