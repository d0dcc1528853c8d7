import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import morgan from "morgan";
import onHeaders from "on-headers";
import type { DatabaseHandle } from "../db/client";
import { migrationStatus } from "../db/migrate";
import { isSupportedLanguage } from "../app/lib/i18n/languages";
import { LANGUAGE_COOKIE } from "../app/lib/i18n/negotiate.server";
import type { ServerConfig } from "./config";
import { refuseCrossSitePosts } from "./cross-site";
import { sendErrorPage } from "./error-page";
import { SIGNATURE_EXPORT_PATH, signatureExport } from "./signature-export";
import { createPageCache } from "./page-cache";
import { allowFramingOfEmbeds, cspNonce, securityHeaders } from "./security";
import type { SurgeMonitor } from "./surge";
import { tuningFor } from "../app/modules/surge/surge";
import { surgeSettings } from "../app/modules/surge/surge-config.server";

export interface AppOptions {
  database: DatabaseHandle;
  config: ServerConfig;
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  /** A local trial (embedded database, mail to files): `/dev/outbox` shows the mail. */
  localOutbox?: boolean;
  /** Surge mode of this process; without one (tests), the normal settings apply. */
  surge?: SurgeMonitor;
}

/** Refuse URLs that cannot be decoded before any router tries to. */
const rejectMalformedUrls: RequestHandler = (req, res, next) => {
  try {
    decodeURIComponent(req.path);
    next();
  } catch {
    sendErrorPage(req, res, 400, "badRequest");
  }
};

/** Uploads go to one organizer form (targets CSV); every other body is a small form. */
const UPLOAD_PATH = /^\/[a-z]{2,3}(-[A-Za-z0-9]+)?\/organize\/targets$/u;
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

/** Remember the language of the last page seen, for the next visit to `/`. */
const rememberLanguage: RequestHandler = (req, res, next) => {
  const first = req.path.split("/")[1];
  if (req.method === "GET" && isSupportedLanguage(first)) {
    const current = LANGUAGE_COOKIE_VALUE.exec(req.headers.cookie ?? "")?.[1];
    if (current !== first) {
      res.cookie(LANGUAGE_COOKIE, first, { path: "/", maxAge: 365 * 24 * 3600 * 1000, sameSite: "lax", httpOnly: true });
      // A response that sets a cookie must never be stored by a shared cache, whatever the page says.
      onHeaders(res, () => res.setHeader("Cache-Control", "private, no-store"));
    }
  }
  next();
};

// Request log without client addresses: the platform never stores IPs in clear.
const requestLog = morgan(":method :url :status :res[content-length] - :response-time ms");

export function createApp({ database, config, build, mode, localOutbox = false, surge }: AppOptions): express.Express {
  const app = express();
  const normal = tuningFor(surgeSettings(), false);
  const tuning = () => surge?.tuning() ?? { ...normal, pageCacheMs: config.pageCacheMs };
  const pages = createPageCache(() => tuning().pageCacheMs);
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);

  app.use(cspNonce);
  app.use(securityHeaders({ development: mode === "development" }));
  app.use(allowFramingOfEmbeds);
  // After the security headers, so even a refused URL's page carries them.
  app.use(rejectMalformedUrls);
  app.use(refuseCrossSitePosts);
  if (surge) app.use(surge.meter);
  if (process.env.LOG_REQUESTS !== "0") app.use(requestLog);
  // Pages under /:lng: remember the language; replay a public page rendered moments ago, already
  // compressed, before any other work (no compression pass, no static-file lookup, no Remix).
  app.use(rememberLanguage);
  app.use(pages.serve);
  app.use(compression());

  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok", surge: surge?.status().active ?? false });
  });
  app.get("/readyz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    try {
      const migrations = await migrationStatus(database.db);
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

  app.use(limitBodySize(config.maxBodyBytes));
  app.get(SIGNATURE_EXPORT_PATH, signatureExport(database.db, config));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode,
      getLoadContext: (req, res) => ({
        db: database.db,
        readDb: database.readDb ?? database.db,
        databaseKind: database.kind,
        cspNonce: res.locals.cspNonce as string,
        publicUrl: config.publicUrl,
        localOutbox,
        sessionSecrets: config.sessionSecrets,
        // The socket's address, or the proxy's X-Forwarded-For under TRUST_PROXY.
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        surge: { active: surge?.active() ?? false, ...tuning() },
      }),
    }),
  );

  const lastResort: ErrorRequestHandler = (error, req, res, _next) => {
    console.error(error);
    if (res.headersSent) return res.end();
    sendErrorPage(req, res, 500, "generic");
  };
  app.use(lastResort);
  return app;
}
