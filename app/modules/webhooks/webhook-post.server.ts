import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { hostLiteral, isForbiddenAddress } from "./webhook-address.server";
import { guardedLookup } from "./webhook-lookup.server";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER } from "./webhook-rules";
import { signatureHeader } from "./webhook-signature.server";

export interface PostLimits {
  allowPrivate: boolean;
  timeoutMs: number;
  /** The answer is read up to this, then the connection is dropped; it is never kept. */
  maxResponseBytes: number;
}

export interface PostOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Connections kept open between deliveries, per worker process; each new one goes through the guarded lookup. */
export interface PostAgents {
  http: HttpAgent;
  https: HttpsAgent;
  close(): void;
}

export function createPostAgents(maxSockets: number): PostAgents {
  const http = new HttpAgent({ keepAlive: true, maxSockets, timeout: 60_000 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets, timeout: 60_000 });
  return {
    http,
    https,
    close: () => {
      http.destroy();
      https.destroy();
    },
  };
}

/**
 * POSTs one delivery, signed now. Redirects are not followed (a 3xx is a failure), the whole
 * exchange must end within the timeout, and at most `maxResponseBytes` of the answer are read.
 * Every connection's address comes from the guarded lookup (or is the URL's own checked literal).
 */
export function postDelivery(
  target: { url: string; secret: string; event: string; deliveryId: string; body: string },
  limits: PostLimits,
  agents: PostAgents,
  now: () => Date = () => new Date(),
): Promise<PostOutcome> {
  const started = performance.now();
  const duration = () => Math.max(0, Math.round(performance.now() - started));
  return new Promise((resolve) => {
    let settled = false;
    // Made after the timer (the timer must exist before anything can finish).
    const pending: { request?: ClientRequest } = {};
    const timer = setTimeout(() => {
      finish(null, `timeout: no complete answer within ${limits.timeoutMs} ms`);
      pending.request?.destroy();
    }, limits.timeoutMs);
    function finish(statusCode: number | null, error: string | null) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, error, durationMs: duration() });
    }
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return finish(null, "invalid URL");
    }
    // A literal address is connected to without a lookup: judge it here.
    const literal = hostLiteral(url.hostname);
    if (literal !== null && !limits.allowPrivate && isForbiddenAddress(literal)) return finish(null, "refused: the address is loopback, private, link-local or reserved");
    if (url.protocol !== "https:" && !(limits.allowPrivate && url.protocol === "http:")) return finish(null, "refused: only https URLs are delivered to");
    const https = url.protocol === "https:";
    const body = Buffer.from(target.body, "utf8");
    const request = (https ? httpsRequest : httpRequest)(url, {
      method: "POST",
      agent: https ? agents.https : agents.http,
      lookup: guardedLookup(limits.allowPrivate),
      headers: {
        "Content-Type": "application/json",
        "Content-Length": String(body.length),
        "User-Agent": "TreatyWatch-Webhooks/1",
        [EVENT_HEADER]: target.event,
        [DELIVERY_HEADER]: target.deliveryId,
        [SIGNATURE_HEADER]: signatureHeader(target.secret, target.body, now()),
      },
    });
    pending.request = request;
    request.on("error", (error: NodeJS.ErrnoException) => {
      const code = error.code === "WEBHOOK_FORBIDDEN_ADDRESS" ? "refused" : (error.code ?? "error");
      finish(null, `${code}: ${error.message}`.slice(0, 500));
    });
    request.on("response", (response: IncomingMessage) => {
      let read = 0;
      response.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > limits.maxResponseBytes) {
          // Answered, but more than we read: the status stands; the rest is not waited for.
          finish(response.statusCode ?? null, `response larger than ${limits.maxResponseBytes} bytes: not read further`);
          response.destroy();
          request.destroy();
        }
      });
      response.on("end", () => finish(response.statusCode ?? null, null));
      response.on("error", () => finish(response.statusCode ?? null, "the answer broke off"));
      response.on("close", () => finish(response.statusCode ?? null, response.complete ? null : "the answer broke off"));
    });
    request.end(body);
  });
}
