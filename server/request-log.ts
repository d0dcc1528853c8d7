import type { IncomingMessage, ServerResponse } from "node:http";
import morgan from "morgan";
import type { RequestHandler } from "express";
import { loggableUrl } from "../app/lib/loggable-url";

export { loggableUrl };

/** Where request log lines go: stdout in production, anything with `write` in tests. */
export interface LogSink {
  write(line: string): unknown;
}

morgan.token("loggable-url", (req: IncomingMessage & { originalUrl?: string }) => loggableUrl(req.originalUrl ?? req.url ?? ""));

/**
 * The request log: method, path without anything personal, status, size and
 * time. No client address, no query, no header (referrer and user agent included).
 */
export function requestLog(sink: LogSink): RequestHandler {
  return morgan<IncomingMessage, ServerResponse>(":method :loggable-url :status :res[content-length] - :response-time ms", {
    stream: { write: (line: string) => void sink.write(line) },
  }) as RequestHandler;
}
