import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** From the project root, like the locales: the compiled server (build/server) reads the same files. */
export const SEEDS_DIR = join(process.cwd(), "db", "seeds");

/** Reads a seed CSV (header row, UTF-8) into objects keyed by column name. */
export function readSeedCsv<Column extends string>(relativePath: string): Record<Column, string>[] {
  const text = readFileSync(join(SEEDS_DIR, relativePath), "utf8");
  return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<Column, string>[];
}

/** `https://…/un_votes.rda (rcid 6138)` → the URL alone. */
export function urlOf(source: string): string {
  const url = source.split(/\s+/)[0] ?? "";
  if (!/^https?:\/\//.test(url)) throw new Error(`Not a source URL: ${source}`);
  return url;
}

export const emptyToNull = (value: string): string | null => (value === "" ? null : value);
