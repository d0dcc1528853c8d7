import { stringify } from "csv-stringify/sync";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { TARGET_COLUMNS, type TargetInput } from "./target-row";

/** A checked target as the columns of its row; an address not said to be public stays private. */
export function targetColumns(t: TargetInput) {
  return {
    country_code: t.countryCode,
    name: t.name,
    role: t.role,
    organization: t.organization,
    email: t.email,
    language: t.language,
    active: t.active,
    source_url: t.sourceUrl,
    email_public: t.emailPublic ?? false,
  };
}

/** Targets for the organizers' list, optionally of one country, by country then name. */
export async function listTargets(db: Kysely<Database>, countryCode: string | null) {
  let query = db
    .selectFrom("targets")
    .select(["id", "country_code", "name", "role", "organization", "email", "language", "active", "source_url", "email_public", "is_demo"])
    .orderBy("country_code")
    .orderBy("name");
  if (countryCode) query = query.where("country_code", "=", countryCode);
  return query.execute();
}

/** Every target as CSV in the import's own columns: export, edit in a spreadsheet, import again. */
export async function targetsCsv(db: Kysely<Database>): Promise<string> {
  const rows = await listTargets(db, null);
  return stringify(
    rows.map((t) => [t.country_code, t.name, t.role, t.organization, t.email, t.language, t.active ? "true" : "false", t.source_url, t.email_public ? "true" : "false"]),
    { header: true, columns: [...TARGET_COLUMNS], escape_formulas: true },
  );
}
