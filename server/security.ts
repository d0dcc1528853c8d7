import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import helmet from "helmet";
import onHeaders from "on-headers";
import { EMBED_SCRIPT_PATH } from "../app/modules/share/embed-protocol";

/** A fresh nonce per response: only our own scripts run, never injected ones. */
export const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
};

/** Pages meant for iframes on partner sites. */
export function isEmbedPath(url: string): boolean {
  return url.startsWith("/embed/");
}

/**
 * X-Frame-Options cannot say "anyone": the embeds go without it (CSP frame-ancestors rules).
 * Partners' pages load the embed's listener script from us, which the default
 * Cross-Origin-Resource-Policy (same-origin) would block.
 */
export const allowFramingOfEmbeds: RequestHandler = (req, res, next) => {
  if (isEmbedPath(req.url)) res.removeHeader("X-Frame-Options");
  if (req.path === EMBED_SCRIPT_PATH) res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
  next();
};

/**
 * A 304 tells the browser to reuse the page it stored, whose inline scripts carry the nonce of the
 * policy stored with it. A 304 carrying a fresh policy (a new nonce) would replace the stored one
 * and block those scripts; without one, the stored policy stays (RFC 9111 §4.3.4).
 */
export const keepStoredPolicyOnNotModified: RequestHandler = (_req, res, next) => {
  onHeaders(res, () => {
    if (res.statusCode === 304) res.removeHeader("Content-Security-Policy");
  });
  next();
};

/** Share cards are images for any site and app to show (link previews, partners' pages): not same-origin only. */
export const shareCardsForAnyOrigin: RequestHandler = (req, res, next) => {
  if (req.url.startsWith("/cards/")) res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
  next();
};

export function securityHeaders({ development }: { development: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        // Live reload talks to the dev server's websocket.
        "connect-src": development ? ["'self'", "ws://localhost:*"] : ["'self'"],
        "form-action": ["'self'"],
        // Only the embed may be framed, by any site; every other page by none.
        "frame-ancestors": [(req) => (isEmbedPath((req as { url?: string }).url ?? "") ? "*" : "'none'")],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
      },
    },
    strictTransportSecurity: development ? false : { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // For browsers that ignore frame-ancestors; the embed goes without (allowFramingOfEmbeds).
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });
}
