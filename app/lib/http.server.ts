import { createHash } from "node:crypto";

export interface CacheableOptions {
  /** Seconds a shared cache may serve it fresh. */
  maxAge: number;
  /** Seconds a cache may serve it stale while fetching a new copy. */
  staleWhileRevalidate: number;
  /** Open to any origin (read-only public data). */
  cors?: boolean;
  /** The answer never changes (a proof, a past checkpoint): any cache keeps it for a year. */
  immutable?: boolean;
}

/** A year: what "never changes" means to a cache. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * A JSON response with a strong ETag: a client that already has this version
 * gets a 304 with no body, so partners can poll cheaply.
 */
export function cacheableJson(request: Request, body: unknown, options: CacheableOptions): Response {
  const payload = JSON.stringify(body);
  const etag = `"${createHash("sha1").update(payload).digest("base64url")}"`;
  const headers = new Headers({
    ETag: etag,
    "Cache-Control": options.immutable ? IMMUTABLE : `public, max-age=${options.maxAge}, stale-while-revalidate=${options.staleWhileRevalidate}`,
    Vary: "Accept-Encoding",
  });
  if (options.cors) headers.set("Access-Control-Allow-Origin", "*");
  if (clientHolds(request, etag)) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(payload, { status: 200, headers });
}

/** Whether the request's `If-None-Match` names this strong ETag (weakly compared, as for a GET). */
export function clientHolds(request: Request, etag: string): boolean {
  const known = (request.headers.get("if-none-match") ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  return known.includes(etag);
}

export function jsonError(status: number, code: string, cors = true): Response {
  return new Response(JSON.stringify({ error: code }), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...(cors ? { "Access-Control-Allow-Origin": "*" } : {}),
    },
  });
}
