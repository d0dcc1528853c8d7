import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { documentEtag, etagMatches, wantsDocumentEtag } from "./lib/document-etag.server";
import { NonceProvider } from "./lib/nonce";
import { loggableUrl } from "./lib/loggable-url";
import { logError } from "./lib/safe-log.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  if (wantsDocumentEtag(request, responseStatusCode, remixContext)) {
    return renderWithEtag(request, responseStatusCode, responseHeaders, remixContext, nonce);
  }
  // Crawlers and no-JS readers get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors while streaming after the shell are logged; the error boundary shows the reader a page.
          if (shellRendered) logError("rendering", error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** The whole page rendered first, so it can carry an ETag and answer 304 when unchanged. */
function renderWithEtag(request: Request, status: number, headers: Headers, remixContext: EntryContext, nonce: string) {
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const body = new PassThrough();
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.on("end", () => {
      const html = Buffer.concat(chunks).toString("utf8");
      const etag = documentEtag(html, nonce);
      headers.set("ETag", etag);
      headers.set("Content-Type", "text/html; charset=utf-8");
      resolve(etagMatches(request, etag) ? new Response(null, { status: 304, headers }) : new Response(html, { status, headers }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          logError("rendering", error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Log what needs a developer's eye: not client mistakes (404, 405), aborted requests,
 * nor the 503 of an unreachable database (server/database-unavailable.ts logs its cause).
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && (error.status < 500 || error.status === 503)) return;
  // The path without tokens, the error without the values it carries (app/lib/safe-log.server.ts).
  const url = new URL(request.url);
  logError(`${request.method} ${loggableUrl(url.pathname + url.search)}`, error);
};
