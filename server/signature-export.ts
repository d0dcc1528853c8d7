import type { RequestHandler } from "express";
import type { Kysely } from "kysely";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Database } from "../db/schema";
import { isSupportedLanguage } from "../app/lib/i18n/languages";
import { serverT } from "../app/lib/i18n/translate.server";
import { authorizeOrganizer, signInPath } from "../app/modules/organizer/organizer-session.server";
import { exportSignatures } from "../app/modules/organizer/signature-export.server";
import { sendErrorPage } from "./error-page";

/** The one route served outside Remix: see docs/decisions/0011. */
export const SIGNATURE_EXPORT_PATH = "/:lng/organize/petitions/:slug/signatures.csv";

/**
 * `GET /:lng/organize/petitions/:slug/signatures.csv[?emails=1]`: confirmed
 * signatures for delivery (organizers and admins; emails for admins only).
 * Piped with back-pressure: the next page of rows is read from the database
 * only when the client has taken the last, so a million rows to a slow client
 * cost the memory of one page. (Remix writes a body as fast as it is produced.)
 */
export function signatureExport(db: Kysely<Database>, config: { publicUrl: string; sessionSecrets: string[] }): RequestHandler {
  return (req, res, next) => {
    serve(req, res, next).catch((error: unknown) => {
      // A client that goes away mid-download ends the pipeline; the rows stay where they were.
      if (res.headersSent) return res.destroy();
      next(error);
    });
  };
  async function serve(...[req, res, next]: Parameters<RequestHandler>) {
    const lng = req.params.lng;
    if (!isSupportedLanguage(lng)) return next();
    const withEmails = req.query.emails === "1";
    const request = new Request(new URL(req.originalUrl, config.publicUrl), { headers: { cookie: req.headers.cookie ?? "" } });
    const auth = await authorizeOrganizer(request, { db, ...config }, withEmails ? "export_emails" : "export_signatures");
    if (auth.kind === "sign_in") return res.redirect(302, signInPath(lng));
    if (auth.kind === "forbidden") return sendErrorPage(req, res, 403, "forbidden");
    const t = serverT(lng);
    const exported = await exportSignatures(db, {
      slug: req.params.slug ?? "",
      withEmails,
      actor: { id: auth.organizer.id, email: auth.organizer.email },
      columns: {
        name: t("organize:export.columns.name"),
        country: t("organize:export.columns.country"),
        confirmedAt: t("organize:export.columns.confirmedAt"),
        comment: t("organize:export.columns.comment"),
        email: t("organize:export.columns.email"),
      },
    });
    if (!exported) return sendErrorPage(req, res, 404, "notFound");
    res.set({
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
      "Cache-Control": "private, no-store",
    });
    await pipeline(Readable.fromWeb(exported.stream as WebReadableStream<Uint8Array>), res);
  }
}
