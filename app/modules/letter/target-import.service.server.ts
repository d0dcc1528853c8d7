import { CsvError, parse } from "csv-parse/sync";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { parseCountryCode } from "../country/country";
import { OPTIONAL_TARGET_COLUMNS, TARGET_COLUMNS, validateTargetRow, type TargetColumn, type TargetInput, type TargetRowProblem } from "./target-row";
import { targetColumns } from "./targets.repo.server";

export interface TargetImportReport {
  rows: number;
  /** Line numbers are the file's (the header is line 1). */
  problems: { line: number; column: TargetColumn | "file"; problem: TargetRowProblem | "csv_malformed" | "columns_wrong" | "email_repeated"; detail?: string }[];
  inserted: number;
  updated: number;
  unchanged: number;
  /** True when the database was changed (a valid file, not a dry run). */
  applied: boolean;
}

/**
 * Imports targets from CSV text: every row is checked first, and the file is
 * applied only if all rows are valid (all or nothing, one transaction). Rows
 * match existing targets by email; `dryRun` reports what would change. A file
 * without the `email_public` column leaves that setting of existing targets
 * as it is (new ones are not public).
 */
export async function importTargets(db: Kysely<Database>, csvText: string, { dryRun = false, demo = false } = {}): Promise<TargetImportReport> {
  const report: TargetImportReport = { rows: 0, problems: [], inserted: 0, updated: 0, unchanged: 0, applied: false };
  let records: Record<string, string>[];
  try {
    records = parse(csvText, { columns: true, bom: true, skip_empty_lines: true, trim: false }) as Record<string, string>[];
  } catch (error) {
    const line = error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 0) : 0;
    report.problems.push({ line, column: "file", problem: "csv_malformed", detail: (error as Error).message });
    return report;
  }
  const header = records.length > 0 ? Object.keys(records[0]!) : [];
  const missing = TARGET_COLUMNS.filter((c) => !OPTIONAL_TARGET_COLUMNS.includes(c) && !header.includes(c));
  const unknown = header.filter((c) => !(TARGET_COLUMNS as readonly string[]).includes(c));
  if (records.length > 0 && (missing.length > 0 || unknown.length > 0)) {
    report.problems.push({ line: 1, column: "file", problem: "columns_wrong", detail: [...missing.map((c) => `missing ${c}`), ...unknown.map((c) => `unknown ${c}`)].join(", ") });
    return report;
  }

  const countryCode = await countryCodeResolver(db);

  const targets: TargetInput[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const line = index + 2;
    const result = validateTargetRow(record, countryCode);
    if (!result.ok) {
      for (const p of result.problems) report.problems.push({ line, ...p });
      return;
    }
    const first = seen.get(result.target.email);
    if (first) report.problems.push({ line, column: "email", problem: "email_repeated", detail: `same as line ${first}` });
    seen.set(result.target.email, line);
    targets.push(result.target);
  });
  report.rows = records.length;
  if (report.problems.length > 0) return report;

  // Without the column, the flag is neither compared nor changed.
  const withPublic = header.includes("email_public");
  await db
    .transaction()
    .execute(async (trx) => {
      for (const t of targets) {
        const row = await trx
          .insertInto("targets")
          .values({ ...targetColumns(t), is_demo: demo })
          .onConflict((oc) =>
            oc
              .column("email")
              .doUpdateSet((eb) => ({
                country_code: eb.ref("excluded.country_code"),
                name: eb.ref("excluded.name"),
                role: eb.ref("excluded.role"),
                organization: eb.ref("excluded.organization"),
                language: eb.ref("excluded.language"),
                active: eb.ref("excluded.active"),
                source_url: eb.ref("excluded.source_url"),
                ...(withPublic ? { email_public: eb.ref("excluded.email_public") } : {}),
                updated_at: sql<Date>`now()`,
              }))
              .where(
                sql<boolean>`(targets.country_code, targets.name, targets.role, targets.organization, targets.language, targets.active, targets.source_url, ${withPublic ? sql`targets.email_public` : sql`true`})
                  is distinct from (excluded.country_code, excluded.name, excluded.role, excluded.organization, excluded.language, excluded.active, excluded.source_url, ${withPublic ? sql`excluded.email_public` : sql`true`})`,
              ),
          )
          .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
          .executeTakeFirst();
        if (!row) report.unchanged++;
        else if (row.inserted) report.inserted++;
        else report.updated++;
      }
      // A dry run does all the work, then takes none of it.
      if (dryRun) throw new DryRunDone();
    })
    .catch((error: unknown) => {
      if (!(error instanceof DryRunDone)) throw error;
    });
  report.applied = !dryRun;
  return report;
}

class DryRunDone extends Error {}

/** Resolves a country code as people type it (alpha-2 or alpha-3, any case) to a known alpha-3, or null. */
export async function countryCodeResolver(db: Kysely<Database>): Promise<(raw: string) => string | null> {
  const countries = await db.selectFrom("countries").select(["code3", "code2"]).execute();
  const byAlpha2 = new Map(countries.map((c) => [c.code2, c.code3]));
  const known = new Set(countries.map((c) => c.code3));
  return (raw) => {
    const parsed = parseCountryCode(raw);
    if (!parsed) return null;
    return parsed.alphabet === "alpha2" ? (byAlpha2.get(parsed.code) ?? null) : known.has(parsed.code) ? parsed.code : null;
  };
}
