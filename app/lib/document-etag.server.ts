import { createHash } from "node:crypto";
import type { EntryContext } from "@remix-run/node";
import { routeHandle } from "./route-handle";

/** Pages opt in with `export const handle = { etag: true }`: same facts for everyone, worth revalidating. */
export function wantsDocumentEtag(request: Request, status: number, remixContext: EntryContext): boolean {
  if (request.method !== "GET" || status !== 200) return false;
  return remixContext.staticHandlerContext.matches.some(
    (match) => routeHandle(remixContext.routeModules[match.route.id]?.handle).etag === true,
  );
}

/**
 * A validator for a rendered page. The CSP nonce changes on every response,
 * so it is left out of the hash: two renders of the same facts get one ETag.
 */
export function documentEtag(html: string, nonce: string): string {
  const stable = nonce ? html.split(nonce).join("") : html;
  return `W/"${createHash("sha1").update(stable).digest("base64url")}"`;
}

export function etagMatches(request: Request, etag: string): boolean {
  const given = request.headers.get("if-none-match");
  return given !== null && given.split(",").some((tag) => tag.trim() === etag);
}
