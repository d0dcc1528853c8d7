import type { ServerBuild } from "@remix-run/node";
import type { RequestHandler } from "express";
import onHeaders from "on-headers";
import { isDatabaseUnavailable } from "../db/unavailable";
import { scrubText } from "../app/lib/safe-log.server";

/** How long a client is asked to wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

type Handler = (args: never) => unknown;

function answer503When<F extends Handler | undefined>(handler: F): F {
  if (!handler) return handler;
  const wrapped = async (args: never) => {
    try {
      return await handler(args);
    } catch (error) {
      // A client that went away mid-body also ends in ECONNRESET ("aborted"): that is no database outage.
      const clientGone = (args as { request?: Request }).request?.signal.aborted || (error as Error).message === "aborted";
      if (clientGone || !isDatabaseUnavailable(error)) throw error;
      // One line per request while it lasts, not a stack trace each.
      console.error(`database unreachable: ${scrubText((error as Error).message)}`);
      // A thrown Response: the route's error boundary renders the localized "unavailable" page with this status.
      throw new Response(null, { status: 503, statusText: "Service Unavailable", headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
    }
  };
  return wrapped as unknown as F;
}

const wrappedBuilds = new WeakMap<ServerBuild, ServerBuild>();

/**
 * The same build, with every loader and action answering 503 (not 500) when
 * the database is unreachable: one place instead of a try/catch per route.
 */
export function withDatabaseUnavailableAs503(build: ServerBuild): ServerBuild {
  const known = wrappedBuilds.get(build);
  if (known) return known;
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = route.module as ServerBuild["routes"][string]["module"];
    routes[id] = { ...route, module: { ...module, loader: answer503When(module.loader), action: answer503When(module.action) } };
  }
  const wrapped = { ...build, routes };
  wrappedBuilds.set(build, wrapped);
  return wrapped;
}

/** Every 503 tells clients when to come back. */
export const retryAfterOn503: RequestHandler = (_req, res, next) => {
  onHeaders(res, () => {
    if (res.statusCode === 503 && !res.getHeader("Retry-After")) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  });
  next();
};
