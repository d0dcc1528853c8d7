import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { isSupportedLanguage, type Language } from "../app/lib/i18n/languages";
import { sendErrorPage } from "./error-page";
import { handOverSubmission, petitionSignedUrl, submitSignForm } from "../app/web/sign-route.server";

/** `/:lng/petitions/:slug`, as petition slugs are spelled (the table's check). */
const SIGN_FORM_PATH = /^\/([a-z]{2})\/petitions\/([a-z0-9]+(?:-[a-z0-9]+)*)$/u;

/**
 * The sign forms this endpoint answers itself: a plain (JavaScript off) POST
 * of the petition page's form, url-encoded, to the page's own address, with no
 * query but the partner's code the form carries. Everything else (multipart,
 * single fetch's `.data`, other queries, other paths) is Remix's alone.
 */
export function signFormTarget(req: { method: string; path: string; originalUrl: string; headers: { "content-type"?: string } }): { lng: Language; slug: string } | null {
  if (req.method !== "POST" || !(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return null;
  const match = SIGN_FORM_PATH.exec(req.path);
  if (!match || !isSupportedLanguage(match[1])) return null;
  const query = req.originalUrl.indexOf("?");
  if (query >= 0 && [...new URLSearchParams(req.originalUrl.slice(query + 1)).keys()].some((key) => key !== "partner")) return null;
  return { lng: match[1], slug: match[2]! };
}

export interface SignEndpointOptions {
  /** The Remix build the rest of the app serves (with its 503 wrapping), and its mode. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  /** The load context Remix's loaders and actions get for this request. */
  loadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  maxBodyBytes: number;
}

/**
 * The sign form's POST without Remix (ADR 0044): a signature that succeeds is
 * answered here with the action's own 302, after the same service call, so a
 * surge of signers costs no route matching, no Fetch `Request` and no render.
 * When the answer is a page (errors to show, a closed or unknown petition),
 * the request goes to Remix with its body and the outcome already decided, and
 * Remix answers exactly as if it had come straight to it; so does a failure
 * (the action runs again and answers as it always does).
 */
export function signEndpoint({ build, mode, loadContext, maxBodyBytes }: SignEndpointOptions): RequestHandler {
  const remix = createRequestHandler(build, mode);
  return (req, res, next) => {
    const target = signFormTarget(req);
    if (!target) return next();
    void (async () => {
      const body = await readBody(req, maxBodyBytes);
      // The client went away mid-body (or the request timeout cut it off): nobody to answer, nothing stored.
      if (body === "gone") return;
      if (body === null) return sendErrorPage(req, res, 413, "tooLarge");
      const context = loadContext(req, res);
      let result;
      try {
        result = await submitSignForm(context, target.slug, target.lng, new URLSearchParams(body.toString("utf8")));
      } catch {
        // Nothing was stored (one statement, all or nothing): Remix signs and answers as it would have.
        return answerByRemix(req, res, body, loadContext(req, res));
      }
      if (result.kind === "signed") {
        // As Remix answers the action's redirect: no body.
        res.status(302).setHeader("Location", petitionSignedUrl(target.lng, target.slug, result));
        res.end();
        return;
      }
      handOverSubmission(context, result);
      await answerByRemix(req, res, body, context);
    })().catch(next);
  };

  async function answerByRemix(req: ExpressRequest, res: ExpressResponse, body: Buffer, context: AppLoadContext) {
    const response = await remix(fetchRequestOf(req, res, body), context);
    res.statusMessage = response.statusText;
    res.status(response.status);
    for (const [key, value] of response.headers.entries()) res.append(key, value);
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  }
}

/**
 * The whole body, null past `maxBytes` (the body limit before checked the declared length; this,
 * what came), or "gone" when the client aborted or the connection closed before the body ended.
 */
function readBody(req: ExpressRequest, maxBytes: number): Promise<Buffer | null | "gone"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length <= maxBytes) chunks.push(chunk);
    });
    req.once("end", () => resolve(length <= maxBytes ? Buffer.concat(chunks, length) : null));
    // An aborted request is an "error" (ECONNRESET, which is no database's fault) or a "close" before its end.
    req.once("error", () => resolve("gone"));
    req.once("close", () => {
      if (!req.complete) resolve("gone");
    });
  });
}

/** The Fetch request Remix's Express adapter would make of this one, with the body already read. */
function fetchRequestOf(req: ExpressRequest, res: ExpressResponse, body: Buffer): Request {
  const forwardedPort = req.get("X-Forwarded-Host")?.split(":")[1];
  const hostPort = req.get("host")?.split(":")[1];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? "", 10)).find((p) => Number.isSafeInteger(p));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(url.href, { method: req.method, headers, body: Uint8Array.from(body), signal: controller.signal });
}
