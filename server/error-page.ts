import type { Request, Response } from "express";
import { negotiateLanguage } from "../app/lib/i18n/negotiate.server";
import { textDirection } from "../app/lib/i18n/languages";
import { pageResources } from "../app/lib/i18n/resources.server";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A small, self-contained error page for requests refused before Remix sees
 * them (malformed URL, oversized body): localized, no stack trace, no script.
 */
export function sendErrorPage(req: Request, res: Response, status: number, messageKey: string): void {
  const headers = new Headers();
  for (const name of ["cookie", "accept-language"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  const lng = negotiateLanguage(headers);
  const errors = (pageResources(lng).common as { errors: Record<string, string> }).errors;
  const title = errors[messageKey] ?? errors.generic ?? "Error";
  res
    .status(status)
    .type("html")
    .set("Cache-Control", "no-store")
    .send(
      `<!doctype html><html lang="${lng}" dir="${textDirection(lng)}"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1><p><a href="/">${escapeHtml(errors.backHome ?? "/")}</a></p></main></body></html>`,
    );
}
