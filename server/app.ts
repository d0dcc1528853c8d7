import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import onHeaders from "on-headers";
import type { DatabaseHandle } from "../db/client";
import { migrationStatus } from "../db/migrate";
import { isDatabaseUnavailable } from "../db/unavailable";
import { isSupportedLanguage } from "../app/lib/i18n/languages";
import { logError, scrubText } from "../app/lib/safe-log.server";
import { LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE_S } from "../app/lib/i18n/languages";
import type { Config } from "../app/lib/config.server";
import { refuseCrossSitePosts } from "./cross-site";
import { loggableUrl, requestLog, type LogSink } from "./request-log";
import { isSameMachine } from "./same-machine";
import { retryAfterOn503, withDatabaseUnavailableAs503 } from "./database-unavailable";
import { sendErrorPage } from "./error-page";
import { signEndpoint } from "./sign-endpoint";
import { PARTNER_EXPORT_PATH, partnerConsentsExport, SIGNATURE_EXPORT_PATH, signatureExport } from "./signature-export";
import { createPageCache } from "./page-cache";
import { isPublicPageAnswer, sharedCacheHeaders } from "./page-cache-headers";
import { pageCacheabilityOf } from "./page-cacheability";
import { countCampaignPageViews, type PageViewTally } from "./page-views";
import { allowFramingOfEmbeds, cspNonce, keepStoredPolicyOnNotModified, securityHeaders, shareCardsForAnyOrigin } from "./security";
import { readSurgeModeOnArrival, surgeModeOf, type SurgeMonitor } from "./surge";
import { surgeModeFor } from "../app/modules/surge/surge";
import type { SurgeMode } from "../app/lib/context";

export interface AppOptions {
  database: DatabaseHandle;
  /** The process's configuration (app/lib/config.server.ts), also handed to every loader and action. */
  config: Config;
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  /**
   * A local trial (embedded database, mail to files): `/dev/outbox` shows the mail, to a client
   * on this machine only (server/same-machine.ts); everyone else gets the 404 of production.
   */
  localOutbox?: boolean;
  /** Where views of campaign pages are counted (unset: not counted). */
  pageViews?: PageViewTally;
  /** Surge mode of this process; without one (tests), the normal settings apply. */
  surge?: SurgeMonitor;
  /**
   * Where the request log goes: unset, stdout unless the configuration turns it off (LOG_REQUESTS=0); null,
   * nowhere. Lines never hold a client address, a query string or a token.
   */
  requestLog?: LogSink | null;
}

/**
 * Refuse URLs that cannot be decoded (or decode to a NUL) before any router tries to, and request
 * targets that are not a path (`GET http://other.example/ HTTP/1.1`, as sent
 * to a proxy): this server is no proxy, and pages build links from the path.
 */
const rejectMalformedUrls: RequestHandler = (req, res, next) => {
  if (!req.url.startsWith("/")) return sendErrorPage(req, res, 400, "badRequest");
  // A NUL byte is in no address or search of ours, and PostgreSQL refuses it in text.
  if (/%00/u.test(req.url)) return sendErrorPage(req, res, 400, "badRequest");
  try {
    decodeURIComponent(req.path);
    next();
  } catch {
    sendErrorPage(req, res, 400, "badRequest");
  }
};

/**
 * `?_data=<route id>` is Remix's data protocol from before single fetch, which our client never
 * speaks. Remix still answers it, but treats a route's plain data as a Response (a loader's
 * `status: "live"` became a RangeError and a 500), so it is refused here, spelled however Remix
 * would read it, before the page cache and Remix see it.
 */
const refuseLegacyDataRequests: RequestHandler = (req, res, next) => {
  const query = req.originalUrl.indexOf("?");
  if (query >= 0 && new URLSearchParams(req.originalUrl.slice(query + 1)).has("_data")) {
    return sendErrorPage(req, res, 400, "badRequest");
  }
  next();
};

/** Uploads go to three organizer forms (targets CSV, the depositary's pasted table, a partner's logo); every other body is a small form. */
const UPLOAD_PATH = /^\/[a-z]{2,3}(-[A-Za-z0-9]+)?\/organize\/(targets|countries\/import(\.data)?|partners(\/[a-z0-9-]+)?(\.data)?)$/u;
/** `/readyz` answers 503 when the database has not answered within this. */
const READY_PROBE_MS = 3000;

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

function limitBodySize(formBytes: number): RequestHandler {
  return (req, res, next) => {
    const maxBytes = UPLOAD_PATH.test(req.path) ? MAX_UPLOAD_BYTES : formBytes;
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const length = req.headers["content-length"];
    if (length === undefined) {
      // Browsers always send a length with forms; a stream of unknown size is refused.
      if (req.headers["transfer-encoding"]) return sendErrorPage(req, res, 411, "lengthRequired");
      return next();
    }
    if (!/^\d+$/.test(length) || Number(length) > maxBytes) return sendErrorPage(req, res, 413, "tooLarge");
    next();
  };
}

const LANGUAGE_COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([^;]*)`);

/**
 * Remember the language of the last page seen, for the next visit to `/`, on pages for one
 * person only (the organize area, signed pages): a public page is one copy for everyone in
 * shared caches and never sets a cookie; there the browser remembers the language itself
 * (`RememberLanguage` in app/root.tsx), so the cookie is readable by script.
 */
const rememberLanguage: RequestHandler = (req, res, next) => {
  const first = req.path.split("/")[1];
  if (req.method === "GET" && isSupportedLanguage(first)) {
    const current = LANGUAGE_COOKIE_VALUE.exec(req.headers.cookie ?? "")?.[1];
    if (current !== first) {
      onHeaders(res, () => {
        if (isPublicPageAnswer(res.getHeader("cache-control"))) return;
        res.cookie(LANGUAGE_COOKIE, first, { path: "/", maxAge: LANGUAGE_COOKIE_MAX_AGE_S * 1000, sameSite: "lax" });
        // A response that sets a cookie must never be stored by a shared cache, whatever the page says.
        res.setHeader("Cache-Control", "private, no-store");
      });
    }
  }
  next();
};

export function createApp({ database, config, build, mode, localOutbox = false, surge, pageViews, requestLog: logSink }: AppOptions): express.Express {
  const app = express();
  const calm: SurgeMode = surgeModeFor(config.surge, false);
  // Which pages the cache may replay, and per what, their routes declare (handle.pageCache).
  const pages = createPageCache({ pageCacheability: pageCacheabilityOf(build) });
  // Loaders and actions answer 503 while the database is unreachable.
  const remixBuild = typeof build === "function" ? async () => withDatabaseUnavailableAs503(await build()) : withDatabaseUnavailableAs503(build);
  const loadContext = (req: express.Request, res: express.Response): AppLoadContext => ({
    db: database.db,
    readDb: database.readDb ?? database.db,
    databaseKind: database.kind,
    cspNonce: res.locals.cspNonce as string,
    config,
    // What exists only in a local trial is its owner's: a stranger sees production.
    localOutbox: localOutbox && isSameMachine({ socketAddress: req.socket.remoteAddress, headers: req.headers }),
    // The socket's address, or the proxy's X-Forwarded-For under TRUST_PROXY.
    clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
    surge: surgeModeOf(res),
  });
  app.disable("x-powered-by");
  app.set("trust proxy", config.server.trustProxy);

  // One reading of surge mode per request, for the page cache and the loaders alike.
  app.use(readSurgeModeOnArrival(() => surge?.mode() ?? calm));
  app.use(cspNonce);
  app.use(securityHeaders({ development: mode === "development" }));
  app.use(allowFramingOfEmbeds);
  app.use(keepStoredPolicyOnNotModified);
  app.use(shareCardsForAnyOrigin);
  // After the security headers, so even a refused URL's page carries them.
  app.use(rejectMalformedUrls);
  app.use(refuseLegacyDataRequests);
  app.use(retryAfterOn503);
  app.use(refuseCrossSitePosts(config.server));
  if (surge) app.use(surge.meter);
  // Request log without client addresses, queries or tokens (server/request-log.ts).
  const log = logSink === undefined ? (config.logging.requests ? process.stdout : null) : logSink;
  if (log) app.use(requestLog(log));
  // Each answer's final Cache-Control for shared caches in front (server/page-cache-headers.ts);
  // registered before rememberLanguage, whose header hook therefore runs first.
  app.use(sharedCacheHeaders(config.edge));
  // Pages under /:lng: remember the language; replay a public page rendered moments ago, already
  // compressed, before any other work (no compression pass, no static-file lookup, no Remix).
  app.use(rememberLanguage);
  // Views of campaign pages count whether the page comes from the cache or not.
  if (pageViews) app.use(countCampaignPageViews(pageViews));
  app.use(pages.serve);
  app.use(compression());

  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok", surge: surge?.status().active ?? false });
  });
  app.get("/readyz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    try {
      // A database that does not answer within the probe's time is as good as down.
      const migrations = await Promise.race([
        migrationStatus(database.db),
        new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error("readiness probe timed out")), READY_PROBE_MS).unref()),
      ]);
      if (!migrations.current) {
        res.status(503).json({ status: "migrations_pending", pending: migrations.pending });
        return;
      }
      res.json({ status: "ready", database: database.kind });
    } catch {
      res.status(503).json({ status: "database_unreachable" });
    }
  });

  app.use(pages.store);

  // Fingerprinted assets never change; everything else in public/ may.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  app.use(express.static("public", { maxAge: "1h", index: false }));

  app.use(limitBodySize(config.server.maxBodyBytes));
  // A signature that succeeds is answered without Remix; any other answer is Remix's (server/sign-endpoint.ts).
  app.post("/:lng/petitions/:slug", signEndpoint({ build: remixBuild, mode, loadContext, maxBodyBytes: config.server.maxBodyBytes }));
  const signatures = signatureExport(database.db, config.server);
  app.get(SIGNATURE_EXPORT_PATH, signatures.get);
  // The export with emails is a form POST with the organizer's CSRF token (a link cannot start it).
  app.post(SIGNATURE_EXPORT_PATH, ...signatures.post);
  // A partner account's export of the people who consented to its partner: a POST with the CSRF token too.
  app.post(PARTNER_EXPORT_PATH, ...partnerConsentsExport(database.db, config.server));
  app.all(
    "*",
    createRequestHandler({ build: remixBuild, mode, getLoadContext: loadContext }),
  );

  const lastResort: ErrorRequestHandler = (error, req, res, _next) => {
    const unavailable = isDatabaseUnavailable(error);
    // Never the error object itself: a database error carries the statement's values (addresses, names).
    if (unavailable) console.error(`database unreachable: ${scrubText((error as Error).message)}`);
    else logError(`${req.method} ${loggableUrl(req.originalUrl)}`, error);
    if (res.headersSent) return res.end();
    if (unavailable) return sendErrorPage(req, res, 503, "unavailable");
    sendErrorPage(req, res, 500, "generic");
  };
  app.use(lastResort);
  return app;
}
