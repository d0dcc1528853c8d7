import type { PageCacheability } from "./page-cacheability";

/** What a route may declare in `export const handle = { … } satisfies RouteHandle`. */
export interface RouteHandle {
  /** How the server's page cache may replay the page (see page-cacheability.ts); unset: never. */
  pageCache?: PageCacheability;
  /** Same facts for every reader: the document gets an ETag and may be answered 304 (entry.server). */
  etag?: boolean;
  /** A page shown inside other sites: no site header and footer (root). */
  bare?: boolean;
}

/** A route module's handle, as far as it is ours to read. */
export const routeHandle = (handle: unknown): RouteHandle => (typeof handle === "object" && handle !== null ? (handle as RouteHandle) : {});
