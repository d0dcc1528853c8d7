import type { HeadersFunction } from "@remix-run/node";

/**
 * What a public page's route declares: the same bytes for every visitor, fit for any cache.
 * The server (server/page-cache-headers.ts) turns it into the configured shared-cache life
 * (`s-maxage`, `stale-while-revalidate`, `stale-if-error`) for anonymous requests, or into
 * `private, no-cache` for a request with the organizer's cookie, an unexpected query, or when
 * EDGE_CACHE_SECONDS is 0. Browsers revalidate every time (max-age=0): a page with an ETag
 * answers 304.
 */
export const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=0";

/** A page for one visitor or one organizer (signed pages, previews, the organize area): nobody stores it. */
export const PRIVATE_PAGE_CACHE_CONTROL = "private, no-store";

/** The configured lives of a public page in a shared cache (`config.edge`). */
export interface EdgeCacheLife {
  cacheSeconds: number;
  staleWhileRevalidateSeconds: number;
  staleIfErrorSeconds: number;
}

/**
 * The Cache-Control of an anonymous public page, as shared caches read it; null when shared
 * caches may not keep pages at all (EDGE_CACHE_SECONDS=0).
 */
export function sharedCacheControl(edge: EdgeCacheLife): string | null {
  if (edge.cacheSeconds <= 0) return null;
  return [
    "public",
    "max-age=0",
    `s-maxage=${Math.floor(edge.cacheSeconds)}`,
    `stale-while-revalidate=${Math.floor(Math.max(0, edge.staleWhileRevalidateSeconds))}`,
    `stale-if-error=${Math.floor(Math.max(0, edge.staleIfErrorSeconds))}`,
  ].join(", ");
}

/**
 * Public pages that show the same facts to everyone. An error page carries what the thrown
 * response said; the server makes an error without a Cache-Control `no-store`.
 */
export const publicPageHeaders: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? { "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL };

/** Pages for one signed-in person or one visitor: never stored by the browser's or anyone's cache. */
export const privatePageHeaders: HeadersFunction = () => ({ "Cache-Control": PRIVATE_PAGE_CACHE_CONTROL });
