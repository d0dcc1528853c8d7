import type { NextFunction, Request, RequestHandler, Response } from "express";
import { gzipSync } from "node:zlib";
import type { PageCacheability } from "../app/lib/page-cacheability";
import type { SurgeMode } from "../app/lib/context";
import type { PageCacheabilityOf } from "./page-cacheability";
import { surgeModeOf } from "./surge";

/**
 * Paths a page cache copy may be stored under: lowercase words, no trailing slash, nothing
 * encoded. Every page has one such spelling, so other spellings of it cannot crowd the cache.
 */
const PLAIN_PATH = /^(?:\/[a-z0-9-]+)+$/u;
/** Headers of the rendered page worth replaying; compression and security headers are made per response. */
const KEPT_HEADERS = ["content-type", "cache-control", "content-language"];
const MAX_ENTRIES = 500;

interface CachedPage {
  headers: [string, string][];
  body: Buffer;
  /** The same bytes compressed once, for the many clients that accept gzip. */
  gzipped: Buffer;
  /** The CSP nonce in the page: replays send it in their CSP header. */
  nonce: string;
  storedAt: number;
  /** Since when one request is rendering a fresh copy (the others get this one meanwhile). */
  refreshingSince: number | null;
}

/** A stale copy is replayed while one request renders the next, for at most this long. */
const MAX_STALE_MS = 10_000;

const acceptsGzip = (req: Request) => /\bgzip\b/u.test(String(req.headers["accept-encoding"] ?? ""));

/** What the page cache needs to know of a request. */
export interface PageRequest {
  method: string;
  /** The request target, query string included. */
  url: string;
  path: string;
}

/** Where a page is stored and replayed from, and for how long. */
export interface PagePlacement {
  key: string;
  ttlMs: number;
}

/** A GET without a query string, at a plain path, while pages are kept at all: worth looking up its route. */
export const mayReplay = (request: Pick<PageRequest, "method" | "url" | "path">, surge: Pick<SurgeMode, "pageCacheMs">): boolean =>
  request.method === "GET" && request.url === request.path && surge.pageCacheMs > 0 && PLAIN_PATH.test(request.path);

/**
 * Where the page cache keeps this request's page, or null: rendered and never stored. `page` is
 * what the matched route declares (undefined: nothing). A page is one copy for everyone: nothing
 * per visitor is rendered on the server.
 */
export function pagePlacement(page: PageCacheability | undefined, request: PageRequest, surge: Pick<SurgeMode, "pageCacheMs">): PagePlacement | null {
  if (page === undefined || !mayReplay(request, surge)) return null;
  return { key: request.path, ttlMs: surge.pageCacheMs };
}

const PLACEMENT = "pagePlacement";

/**
 * A micro-cache of whole rendered public pages in each process, for the cache life of the
 * request's surge mode (1 s normally, PAGE_CACHE_MS; longer in surge mode, SURGE_PAGE_CACHE_MS):
 * when a petition goes viral, one render serves every view in that time instead of one render
 * each. Which pages, each route declares in its `handle`
 * (app/lib/page-cacheability.ts); `pageCacheability` finds the route of a path. Only GETs
 * without a query string are cached, so nothing a visitor sends can enter a stored page.
 * A replay keeps the nonce it was rendered with (in its CSP header too): its
 * bytes were fixed before anyone could read that nonce, so reusing it lets no
 * new script in. The form token in a replayed page is up to the cache life older than
 * the view, which makes the minimum fill time that much laxer.
 *
 * The surge mode is the one the request was given on arrival (`readSurgeModeOnArrival`), the
 * same its loaders see; it sets the cache life. Pages pre-select no visitor country (the browser
 * does, with JavaScript), so 40 visitor countries cost one render per cache life, not 40.
 *
 * When a copy expires, the first request renders the next one and requests
 * arriving meanwhile get the expired copy (for up to 10 s), so a busy page is
 * rendered once per life, not once per concurrent visitor.
 *
 * `serve` answers hits and goes before the compression middleware (a hit is
 * already gzipped, and skips everything after it, Remix included); `store`
 * goes after it, so it records the page as rendered, before compression. Where a
 * page goes is decided once, in `serve`: `store` keeps only what `serve` placed.
 */
export function createPageCache({
  pageCacheability,
  clock = Date.now,
}: {
  /** What the route of a path declares (`pageCacheabilityOf(build)`). */
  pageCacheability: PageCacheabilityOf;
  clock?: () => number;
}): { serve: RequestHandler; store: RequestHandler } {
  const pages = new Map<string, CachedPage>();

  const serve: RequestHandler = (req, res, next) => {
    const surge = surgeModeOf(res);
    if (!mayReplay(req, surge)) return next();
    const page = pageCacheability(req.path);
    if (!(page instanceof Promise)) return replay(req, res, next, pagePlacement(page, pageRequest(req), surge));
    // A build that cannot be loaded: no replay; Remix answers as it can.
    page.then((found) => replay(req, res, next, pagePlacement(found, pageRequest(req), surge)), () => next()).catch(next);
  };

  const replay = (req: Request, res: Response, next: NextFunction, placement: PagePlacement | null) => {
    if (!placement) return next();
    res.locals[PLACEMENT] = placement;
    const hit = pages.get(placement.key);
    if (!hit) return next();
    const now = clock();
    if (now - hit.storedAt >= placement.ttlMs) {
      // Expired: the first request renders anew; the others, arriving meanwhile, get the copy
      // in hand instead of all rendering the same page at once.
      const refreshing = hit.refreshingSince !== null && now - hit.refreshingSince < MAX_STALE_MS;
      if (!refreshing || now - hit.storedAt >= placement.ttlMs + MAX_STALE_MS) {
        hit.refreshingSince = now;
        return next();
      }
    }
    for (const [name, value] of hit.headers) res.setHeader(name, value);
    const csp = res.getHeader("content-security-policy");
    const nonce = res.locals.cspNonce as string;
    if (typeof csp === "string") res.setHeader("content-security-policy", csp.replaceAll(nonce, hit.nonce));
    const gzip = acceptsGzip(req);
    const body = gzip ? hit.gzipped : hit.body;
    res.setHeader("X-Page-Cache", "hit");
    res.setHeader("Vary", "Accept-Encoding");
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", body.length);
    res.statusCode = 200;
    res.end(body);
  };

  const store: RequestHandler = (_req, res, next) => {
    const placement = res.locals[PLACEMENT] as PagePlacement | undefined;
    if (!placement) return next();
    const { key } = placement;
    const nonce = res.locals.cspNonce as string;
    const startedAt = clock();
    capture(res, (body) => {
      if (res.statusCode !== 200 || !String(res.getHeader("content-type") ?? "").startsWith("text/html")) {
        // No new copy: let the next request try.
        const stale = pages.get(key);
        if (stale) stale.refreshingSince = null;
        return;
      }
      if (pages.size >= MAX_ENTRIES) pages.clear();
      const headers = KEPT_HEADERS.flatMap((name): [string, string][] => {
        const value = res.getHeader(name);
        return value === undefined ? [] : [[name, String(value)]];
      });
      pages.set(key, { headers, body, gzipped: gzipSync(body), nonce, storedAt: startedAt, refreshingSince: null });
    });
    next();
  };
  return { serve, store };
}

/** Both halves in one middleware, for an app without compression. */
export function pageCache(options: Parameters<typeof createPageCache>[0]): RequestHandler {
  const { serve, store } = createPageCache(options);
  return (req, res, next) => serve(req, res, () => store(req, res, next));
}

const pageRequest = (req: Request): PageRequest => ({ method: req.method, url: req.url, path: req.path });

/** Collects what the page handler writes, and hands it over once the response ends. */
function capture(res: Response, done: (body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.write = ((...args: unknown[]) => {
    collect(args[0], args[1]);
    return write(...args);
  }) as Response["write"];
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== "function") collect(args[0], args[1]);
    done(Buffer.concat(chunks));
    return end(...args);
  }) as Response["end"];
}
