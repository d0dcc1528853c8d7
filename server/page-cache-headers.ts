import type { Request, RequestHandler } from "express";
import onHeaders from "on-headers";
import { PRIVATE_PAGE_CACHE_CONTROL, PUBLIC_PAGE_CACHE_CONTROL, sharedCacheControl, type EdgeCacheLife } from "../app/lib/cache-headers";
import { ORGANIZER_COOKIE_NAME } from "../app/web/organizer-session.server";

/**
 * Query parameters a public page may carry and still be one copy for everyone who opens that
 * exact address (a shared link's referral code, a partner's link, an embed's language). Any
 * other parameter (`?preview`, a letter page's `?country=` that may record a lead, anything
 * made up) makes the answer `private`: a shared cache would otherwise store copies per junk
 * query, or skip work a GET does.
 */
const SHAREABLE_QUERY = new Set(["ref", "partner", "lng"]);

/** Whether shared caches may keep this request's answer at all, whatever the page declared. */
export function pageRequestKind(req: Pick<Request, "method" | "url" | "headers">): PageRequestKind {
  const query = req.url.indexOf("?");
  if (query >= 0) {
    for (const name of new URLSearchParams(req.url.slice(query + 1)).keys()) if (!SHAREABLE_QUERY.has(name)) return "own-query";
  }
  if (req.method !== "GET" && req.method !== "HEAD") return "organizer-or-write";
  if (hasCookie(req.headers.cookie, ORGANIZER_COOKIE_NAME)) return "organizer-or-write";
  return "anonymous";
}

/**
 * `anonymous`: a GET or HEAD without the organizer's cookie, at a shareable address;
 * `organizer-or-write`: the organizer's cookie, or not a read; `own-query`: a query only this
 * visitor asked (a preview, a search, a country chosen).
 */
export type PageRequestKind = "anonymous" | "organizer-or-write" | "own-query";

function hasCookie(header: string | undefined, name: string): boolean {
  if (!header) return false;
  return header.split(";").some((pair) => pair.trim().startsWith(`${name}=`));
}

/** Whether a response's Cache-Control, as declared so far, is a public page's (one copy for everyone: no cookie on it). */
export function isPublicPageAnswer(cacheControl: unknown): boolean {
  return typeof cacheControl === "string" && (cacheControl === PUBLIC_PAGE_CACHE_CONTROL || cacheControl.startsWith("public, max-age=0, s-maxage="));
}

/**
 * What a response's Cache-Control becomes on its way out, from what the page declared:
 * - a public page (`PUBLIC_PAGE_CACHE_CONTROL`, or the shared value a replayed copy carries),
 *   200 or 304, to an anonymous request: the configured shared-cache life; with
 *   EDGE_CACHE_SECONDS=0, or to an organizer: `private, no-cache` (the browser keeps it and
 *   revalidates with the ETag); with a cookie set, an error status or a query of the visitor's
 *   own (a preview): `private, no-store`;
 * - an error without a Cache-Control of its own: `private, no-store` (a proxy's stale-if-error
 *   keeps serving the last good page meanwhile);
 * - anything else: untouched.
 */
export function outgoingCacheControl(
  declared: string | undefined,
  answer: { status: number; setsCookie: boolean; request: PageRequestKind },
  shared: string | null,
): string | undefined {
  if (isPublicPageAnswer(declared)) {
    if (answer.status >= 400 || answer.setsCookie || answer.request === "own-query") return PRIVATE_PAGE_CACHE_CONTROL;
    if (shared !== null && answer.request === "anonymous" && (answer.status === 200 || answer.status === 304)) return shared;
    return "private, no-cache";
  }
  if (declared === undefined && answer.status >= 400) return PRIVATE_PAGE_CACHE_CONTROL;
  return declared;
}

/**
 * Sets every response's final Cache-Control (`outgoingCacheControl`) just before its headers go
 * out, after the page, the page cache's replay and any cookie have had their say.
 */
export function sharedCacheHeaders(edge: EdgeCacheLife): RequestHandler {
  const shared = sharedCacheControl(edge);
  return (req, res, next) => {
    onHeaders(res, () => {
      const declared = res.getHeader("cache-control");
      const outgoing = outgoingCacheControl(
        typeof declared === "string" ? declared : undefined,
        { status: res.statusCode, setsCookie: res.getHeader("set-cookie") !== undefined, request: pageRequestKind(req) },
        shared,
      );
      if (outgoing !== undefined) res.setHeader("Cache-Control", outgoing);
    });
    next();
  };
}
