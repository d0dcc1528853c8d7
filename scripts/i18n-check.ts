/**
 * Fails when a language lacks a key English has (with the plural forms that
 * language needs), has a key English lacks, or when code uses a key missing from English.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { findLocaleProblems, type LocaleTree } from "./i18n-rules";

const LOCALES = "locales";
const CODE_DIRS = ["app", "emails", "server"];

function readLocales(): Record<string, Record<string, LocaleTree>> {
  const result: Record<string, Record<string, LocaleTree>> = {};
  for (const lng of readdirSync(LOCALES)) {
    result[lng] = {};
    for (const file of readdirSync(join(LOCALES, lng)).filter((f) => f.endsWith(".json"))) {
      result[lng]![file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(LOCALES, lng, file), "utf8")) as LocaleTree;
    }
  }
  return result;
}

function sourceFiles(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(ts|tsx)$/.test(entry) ? [path] : [];
    });
  } catch {
    return [];
  }
}

const sources = CODE_DIRS.flatMap(sourceFiles).map((path) => ({ path, text: readFileSync(path, "utf8") }));
const problems = findLocaleProblems(readLocales(), sources);
if (problems.length > 0) {
  console.error(`i18n check failed (${problems.length} problem${problems.length === 1 ? "" : "s"}):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log("i18n check passed: every language has every key, and every key used in code exists.");
