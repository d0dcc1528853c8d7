import express, { type RequestHandler } from "express";
import type { Kysely } from "kysely";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Database } from "../db/schema";
import { isSupportedLanguage } from "../app/lib/i18n/languages";
import { serverT } from "../app/lib/i18n/translate.server";
import { authorizeOrganizer, authorizeOrganizerAction, authorizeScopedAction, signInPath } from "../app/web/organizer-session.server";
import { exportPartnerConsents } from "../app/modules/partner/partner-scope.server";
import { exportSignatures } from "../app/modules/petition/signature-export.server";
import type { Config } from "../app/lib/config.server";
import { sendErrorPage } from "./error-page";

/** The one route served outside Remix: see docs/decisions/0011. */
export const SIGNATURE_EXPORT_PATH = "/:lng/organize/petitions/:slug/signatures.csv";

/**
 * `GET /:lng/organize/petitions/:slug/signatures.csv`: confirmed signatures
 * for delivery (organizers and admins), without emails.
 * `POST` of the same address with the organizer's CSRF token (`csrf`): the same
 * with the emails of signers who agreed to mail (admins only). A link, an image
 * or a redirect from another site can only make a GET, so it can never start
 * the export with emails nor write an audit entry in an admin's name; a GET that
 * asks for emails (`?emails=1`, an old bookmark) is sent to the organizers'
 * home, where the button is.
 * Piped with back-pressure: the next page of rows is read from the database
 * only when the client has taken the last, so a million rows to a slow client
 * cost the memory of one page. (Remix writes a body as fast as it is produced.)
 */
type ExportConfig = Pick<Config["server"], "publicUrl" | "sessionSecrets" | "maxBodyBytes">;

/** The form's fields (`csrf`); a body that cannot be read is the client's error, not ours. */
function formReader(config: ExportConfig): RequestHandler {
  const urlencoded = express.urlencoded({ extended: false, limit: config.maxBodyBytes, parameterLimit: 20 });
  return (req, res, next) =>
    urlencoded(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      const status = (error as { status?: number }).status;
      sendErrorPage(req, res, status === 413 ? 413 : 400, status === 413 ? "tooLarge" : "badRequest");
    });
}

/** An async handler whose failures go to the error page, unless the download had started. */
function streaming(serve: (...args: Parameters<RequestHandler>) => Promise<unknown>): RequestHandler {
  return (req, res, next) => {
    serve(req, res, next).catch((error: unknown) => {
      // A client that goes away mid-download ends the pipeline; the rows stay where they were.
      if (res.headersSent) return res.destroy();
      next(error);
    });
  };
}

/** The organizer's request as the guards read it (the cookie), and the POSTed form. */
function guardInput(req: Parameters<RequestHandler>[0], config: ExportConfig) {
  const request = new Request(new URL(req.originalUrl, config.publicUrl), { headers: { cookie: req.headers.cookie ?? "" } });
  const form = { get: (name: string): unknown => (req.body as Record<string, unknown> | undefined)?.[name] };
  return { request, form };
}

/** Sends a CSV download with back-pressure. */
async function sendCsv(res: Parameters<RequestHandler>[1], exported: { filename: string; stream: ReadableStream<Uint8Array> }) {
  res.set({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${exported.filename}"`,
    "Cache-Control": "private, no-store",
  });
  await pipeline(Readable.fromWeb(exported.stream as WebReadableStream<Uint8Array>), res);
}

export function signatureExport(db: Kysely<Database>, config: ExportConfig): { get: RequestHandler; post: RequestHandler[] } {
  const handle = (withEmails: boolean) => streaming((req, res, next) => serve(withEmails, req, res, next));
  return { get: handle(false), post: [formReader(config), handle(true)] };

  async function serve(withEmails: boolean, ...[req, res, next]: Parameters<RequestHandler>) {
    const lng = req.params.lng;
    if (!isSupportedLanguage(lng)) return next();
    if (!withEmails && req.query.emails !== undefined) return res.redirect(303, `/${lng}/organize`);
    const { request, form } = guardInput(req, config);
    const auth = withEmails
      ? await authorizeOrganizerAction(request, { db, config: { server: config } }, "export_emails", form)
      : await authorizeOrganizer(request, { db, config: { server: config } }, "export_signatures");
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
    await sendCsv(res, exported);
  }
}

/** A partner account's export of a campaign its partner runs; outside Remix for the same reason. */
export const PARTNER_EXPORT_PATH = "/:lng/organize/:kind(petitions|letters)/:slug/partner-consents.csv";

/**
 * `POST /:lng/organize/(petitions|letters)/:slug/partner-consents.csv` with the CSRF token: the
 * people of that campaign who came through the signed-in partner account's partner and agreed
 * that it may contact them, with their addresses. Only a partner account, only for a campaign its
 * partner runs (any other answers 404, as if it did not exist); every export audited. Workspace
 * roles export through the signature export above: this is one partner's share, nothing more.
 */
export function partnerConsentsExport(db: Kysely<Database>, config: ExportConfig): RequestHandler[] {
  return [formReader(config), streaming(serve)];

  async function serve(...[req, res, next]: Parameters<RequestHandler>) {
    const lng = req.params.lng;
    if (!isSupportedLanguage(lng)) return next();
    const { request, form } = guardInput(req, config);
    const auth = await authorizeScopedAction(request, { db, config: { server: config } }, "read_dashboards", form);
    if (auth.kind === "sign_in") return res.redirect(302, signInPath(lng));
    if (auth.kind === "forbidden" || auth.scope.kind !== "partner") return sendErrorPage(req, res, 403, "forbidden");
    const t = serverT(lng);
    const exported = await exportPartnerConsents(db, {
      partnerId: auth.scope.partnerId,
      kind: req.params.kind === "letters" ? "letter_campaign" : "petition",
      slug: req.params.slug ?? "",
      actor: { id: auth.organizer.id, email: auth.organizer.email },
      columns: {
        name: t("organizePartners:scope.export.columns.name"),
        email: t("organizePartners:scope.export.columns.email"),
        country: t("organizePartners:scope.export.columns.country"),
        language: t("organizePartners:scope.export.columns.language"),
        confirmedAt: t("organizePartners:scope.export.columns.confirmedAt"),
      },
    });
    if (!exported) return sendErrorPage(req, res, 404, "notFound");
    await sendCsv(res, exported);
  }
}
