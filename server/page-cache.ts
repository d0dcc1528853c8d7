import type { Request, RequestHandler, Response } from "express";
import { gzipSync } from "node:zlib";
import { likelyCountryFromAcceptLanguage } from "../app/modules/country/country";

/**
 * Public pages that everyone sees alike and that a surge hits hardest, without a
 * query string: a petition, the home page, the country list and a country.
 */
const CACHEABLE = /^\/[a-z]{2,3}(?:\/petitions\/[a-z0-9-]+|\/countries(?:\/[a-z0-9-]+)?)?$/u;
const ONE_COPY = /^\/[a-z]{2,3}\/countries\/[a-z0-9-]+$/u;
const PETITION = /^\/[a-z]{2,3}\/petitions\/[a-z0-9-]+$/u;
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

/**
 * A micro-cache of whole rendered public pages in each process, for `ttlMs`
 * (1 s normally, PAGE_CACHE_MS; longer in surge mode, SURGE_PAGE_CACHE_MS):
 * when a petition goes viral, one render serves every view in that time
 * instead of one render each. The key includes the visitor's likely country
 * (the sign form and the country lists pre-select it). Only GETs without a
 * query string are cached, so nothing a visitor sends can enter a stored page.
 * A replay keeps the nonce it was rendered with (in its CSP header too): its
 * bytes were fixed before anyone could read that nonce, so reusing it lets no
 * new script in. The form token in a replayed page is up to `ttlMs` older than
 * the view, which makes the minimum fill time that much laxer.
 *
 * In surge mode a petition page is one copy per language for everyone: its
 * loader then pre-selects no country (the browser does, with JavaScript), so
 * 40 visitor countries cost one render per cache life, not 40.
 *
 * When a copy expires, the first request renders the next one and requests
 * arriving meanwhile get the expired copy (for up to 10 s), so a busy page is
 * rendered once per life, not once per concurrent visitor.
 *
 * `serve` answers hits and goes before the compression middleware (a hit is
 * already gzipped, and skips everything after it, Remix included); `store`
 * goes after it, so it records the page as rendered, before compression.
 */
export function createPageCache(
  ttl: number | (() => number),
  clock: () => number = Date.now,
  surging: () => boolean = () => false,
): { serve: RequestHandler; store: RequestHandler } {
  const ttlMs = typeof ttl === "number" ? () => ttl : ttl;
  const pages = new Map<string, CachedPage>();
  // A country's own page pre-selects nothing: one copy for all visitors; so does a petition in surge mode.
  const oneCopy = (path: string) => ONE_COPY.test(path) || (PETITION.test(path) && surging());
  // Decided once per request (in `serve`), so a page is stored under the key it was rendered for.
  const keyOf = (req: Request, res: Response): string => {
    const decided = res.locals.pageCacheKey as string | undefined;
    if (decided !== undefined) return decided;
    const key = oneCopy(req.path) ? req.path : `${req.path}|${likelyCountryFromAcceptLanguage(req.headers["accept-language"] ?? null) ?? ""}`;
    res.locals.pageCacheKey = key;
    return key;
  };
  const cacheable = (req: Request) => req.method === "GET" && req.url === req.path && CACHEABLE.test(req.path) && ttlMs() > 0;

  const serve: RequestHandler = (req, res, next) => {
    if (!cacheable(req)) return next();
    const hit = pages.get(keyOf(req, res));
    if (!hit) return next();
    const now = clock();
    if (now - hit.storedAt >= ttlMs()) {
      // Expired: the first request renders anew; the others, arriving meanwhile, get the copy
      // in hand instead of all rendering the same page at once.
      const refreshing = hit.refreshingSince !== null && now - hit.refreshingSince < MAX_STALE_MS;
      if (!refreshing || now - hit.storedAt >= ttlMs() + MAX_STALE_MS) {
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

  const store: RequestHandler = (req, res, next) => {
    if (!cacheable(req)) return next();
    const key = keyOf(req, res);
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
export function pageCache(ttl: number | (() => number)): RequestHandler {
  const { serve, store } = createPageCache(ttl);
  return (req, res, next) => serve(req, res, () => store(req, res, next));
}

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
