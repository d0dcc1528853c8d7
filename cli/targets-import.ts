/**
 * `npm run targets:import -- file.csv [--dry-run]`: adds or updates letter
 * targets from a CSV (columns: country, name, role, organization, email,
 * language, active, source_url, email_public; the file may leave out active
 * and email_public). All rows are checked first; if any is wrong, nothing
 * changes and every problem is listed by line.
 */
import { readFileSync } from "node:fs";
import { importTargets } from "../app/modules/letter/target-import.service.server";
import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

const EXPLAIN: Record<string, string> = {
  missing: "is empty",
  too_long: "is longer than 200 characters",
  control_characters: "contains line breaks or control characters",
  markup: "contains < or >",
  country_unknown: "is not a known ISO 3166 country code",
  email_invalid: "is not a valid email address",
  language_invalid: "is not a language code like fr or pt-BR",
  active_invalid: "must be true/false, yes/no or 1/0",
  url_invalid: "must be an http(s) URL",
  email_public_invalid: "must be true/false, yes/no or 1/0 (empty: not public)",
  email_repeated: "appears twice in the file",
  csv_malformed: "could not be read as CSV",
  columns_wrong: "the header row does not match",
};

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Usage: npm run targets:import -- file.csv [--dry-run]");
  process.exit(2);
}
const dryRun = args.includes("--dry-run");
const text = readFileSync(file, "utf8");

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db }) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  const report = await importTargets(db, text, { dryRun });
  if (report.problems.length > 0) {
    console.error(`${file}: ${report.problems.length} problem(s); nothing was imported.`);
    for (const p of report.problems) {
      console.error(`  line ${p.line}, ${p.column}: ${EXPLAIN[p.problem] ?? p.problem}${p.detail ? ` (${p.detail})` : ""}`);
    }
    process.exitCode = 1;
    return;
  }
  const verb = dryRun ? "would be" : "were";
  console.log(`${file}: ${report.rows} rows — ${report.inserted} ${verb} added, ${report.updated} ${verb} updated, ${report.unchanged} unchanged.${dryRun ? " (dry run: nothing changed)" : ""}`);
});
