import type { Request, RequestHandler } from "express";
import type { Config } from "../app/lib/config.server";
import { sendErrorPage } from "./error-page";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The host the browser addressed: `Host`, or behind a trusted proxy (`TRUST_PROXY`, and the
 * connection comes from a proxy it trusts) the proxy's `X-Forwarded-Host`. Without a trusted
 * proxy that header is the client's own word, and a page of another site could name itself in it.
 */
function addressedHost(req: Request, trustProxy: Config["server"]["trustProxy"]): string | undefined {
  const trusted = trustProxy !== false && (req.app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean)(req.socket.remoteAddress, 0);
  const forwarded = trusted ? req.headers["x-forwarded-host"] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || req.headers.host;
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
export function refuseCrossSitePosts({ trustProxy }: Pick<Config["server"], "trustProxy">): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (SAFE_METHODS.has(req.method) || origin === undefined) return next();
    const host = addressedHost(req, trustProxy);
    if (host !== undefined && hostOf(origin) === host) return next();
    sendErrorPage(req, res, 403, "crossSite");
  };
}
