import type { Socket } from "node:net";

const REASONS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout"],
};

/** The page has no script, style or frame: it needs nothing, and no site may frame it. */
const SECURITY_HEADERS = [
  "Content-Security-Policy: default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options: nosniff",
  "X-Frame-Options: DENY",
  "Referrer-Policy: strict-origin-when-cross-origin",
  "Cache-Control: no-store",
]
  .map((line) => `${line}\r\n`)
  .join("");

/**
 * Requests Node refuses before any route sees them (oversized headers,
 * unparsable HTTP, too slow): a short 4xx answer instead of a dropped socket.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) return;
  const [status, reason] = REASONS[error.code ?? ""] ?? [400, "Bad Request"];
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} ${reason}</title></head><body><h1>${status} ${reason}</h1></body></html>`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n${SECURITY_HEADERS}Content-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
