import type { RequestHandler } from "express";
import { sendErrorPage } from "./error-page";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The host the browser addressed: a proxy's `X-Forwarded-Host`, else `Host` (as Remix compares them). */
function addressedHost(headers: Record<string, string | string[] | undefined>): string | undefined {
  const forwarded = headers["x-forwarded-host"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || (headers.host as string | undefined);
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Browsers name the page a form was sent from in `Origin`. A POST from
 * another site's page (or from an opaque "null" origin) is refused with a
 * clear page before any route runs: no action here is meant to be driven by
 * other sites. Requests without the header (mail clients' one-click
 * unsubscribe, servers calling the API) pass, and meet the routes' own defences.
 */
export const refuseCrossSitePosts: RequestHandler = (req, res, next) => {
  const origin = req.headers.origin;
  if (SAFE_METHODS.has(req.method) || origin === undefined) return next();
  const host = addressedHost(req.headers);
  if (host !== undefined && hostOf(origin) === host) return next();
  sendErrorPage(req, res, 403, "crossSite");
};
