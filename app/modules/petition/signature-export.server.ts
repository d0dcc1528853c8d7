import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { csvStream, exportDay } from "../../lib/csv-download.server";

/** Rows read per query: enough to amortize the round trip, small enough to keep memory flat. */
export const EXPORT_BATCH_ROWS = 1000;

export interface ExportColumns {
  name: string;
  country: string;
  confirmedAt: string;
  comment: string;
  email: string;
}

interface ExportRequest {
  slug: string;
  /** Only admins; and only addresses of signers who agreed to further mail. */
  withEmails: boolean;
  actor: { id: number; email: string };
  columns: ExportColumns;
}

/**
 * Confirmed signatures, oldest first, read in keyset pages (`id > last`) so a
 * million rows cost the memory of one page, on PostgreSQL and PGlite alike.
 */
async function* confirmedSignatures(db: Kysely<Database>, petitionId: number, withEmails: boolean, batch: number) {
  let after = "0";
  for (;;) {
    const rows = await db
      .selectFrom("signatures")
      .select(["id", "name", "country_code", "confirmed_at", "comment", "email", "mail_consent"])
      .where("petition_id", "=", petitionId)
      .where("status", "=", "confirmed")
      .where("id", ">", after)
      .orderBy("id")
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const row = [r.name, r.country_code, exportDay(r.confirmed_at), r.comment ?? ""];
      return withEmails ? [...row, r.mail_consent ? r.email : ""] : row;
    });
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * The CSV of a petition's confirmed signatures, for delivery to decision
 * makers: a stream that reads the next page only when the client has taken
 * the last (back-pressure). Cells that a spreadsheet would run as a formula
 * are escaped. The export is written to the audit log before the first byte.
 */
export async function exportSignatures(db: Kysely<Database>, request: ExportRequest, batch = EXPORT_BATCH_ROWS) {
  const petition = await db.selectFrom("petitions").select(["id", "slug"]).where("slug", "=", request.slug).executeTakeFirst();
  if (!petition) return null;
  await recordAudit(db, { actor: request.actor, action: "export.signatures", subject: petition.slug, details: { withEmails: request.withEmails } });
  const { name, country, confirmedAt, comment, email } = request.columns;
  const header = request.withEmails ? [name, country, confirmedAt, comment, email] : [name, country, confirmedAt, comment];
  const stream = csvStream(header, confirmedSignatures(db, petition.id, request.withEmails, batch));
  return { filename: `${petition.slug}-signatures.csv`, stream };
}
