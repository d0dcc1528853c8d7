import { createServer, type RequestListener, type Server } from "node:http";
import { answerClientError } from "./client-errors";

/** How long a client may take, and how much it may send before a route runs. */
export interface HttpLimits {
  /** All request headers must arrive within this (a client trickling them in holds no socket for long: Slowloris). */
  headersTimeoutMs: number;
  /** The whole request, body included, within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this (shorter than a proxy's, so the proxy never reuses a closed one). */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above (its default, 30 s, would let a slow client stay up to that long). */
  checkIntervalMs: number;
  /** Request line and headers together, in bytes; more is answered 431. */
  maxHeaderBytes: number;
}

export const HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxHeaderBytes: 16 * 1024,
};

/** The HTTP server around the app, with the limits above and short answers to what Node refuses itself. */
export function createHttpServer(app: RequestListener, limits: HttpLimits = HTTP_LIMITS): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
      maxHeaderSize: limits.maxHeaderBytes,
    },
    app,
  );
  server.on("clientError", answerClientError);
  return server;
}
