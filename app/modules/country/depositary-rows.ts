import { CsvError, parse as parseCsv } from "csv-parse/sync";
import { normalizeForSearch } from "./country-search";
import { tidyCell } from "./depositary-cells";

/**
 * Finding the participant table's header and its rows in pasted text or CSV
 * (HTML: `depositary-html.ts`): each row with its line and its cells, nothing
 * interpreted yet.
 */

export type DepositaryColumn = "participant" | "signature" | "consent";

export type DepositaryProblem =
  | "no_header"
  | "empty_table"
  | "not_a_date"
  | "marker_in_signature"
  | "no_name"
  | "no_date"
  | "duplicate_participant"
  | "too_many_cells"
  | "cells_misaligned"
  | "malformed_csv";

export interface DepositaryTableError {
  /** Where the problem is in the input (1 is the first line). */
  line: number;
  problem: DepositaryProblem;
  column?: DepositaryColumn;
  /** The cell or name at fault, as written. */
  text?: string;
  /** For a duplicate participant: the line that named it first. */
  firstLine?: number;
}

/** Which cell of a row holds each column. */
export type Columns = Record<DepositaryColumn, number>;

export interface TableRow {
  line: number;
  cells: string[];
}

/** The header's line, where its columns are and how many cells it has, and the rows after it. */
export type RowsRead = { headerLine: number; columns: Columns; width: number; rows: TableRow[] } | { error: DepositaryTableError };

export const NO_HEADER: RowsRead = { error: { line: 1, problem: "no_header" } };

/** The column each header cell names, or null when the cells are not the participant table's header. */
export function headerColumns(cells: readonly string[]): Columns | null {
  const kinds = cells.map((cell): DepositaryColumn | null => {
    const text = normalizeForSearch(cell);
    if (/^participants?$/u.test(text)) return "participant";
    if (text.startsWith("signature")) return "signature";
    if (/^(ratification|acceptance|approval|accession|succession|formal confirmation|consent)/u.test(text)) return "consent";
    return null;
  });
  const columns = { participant: kinds.indexOf("participant"), signature: kinds.indexOf("signature"), consent: kinds.indexOf("consent") };
  return Object.values(columns).every((index) => index >= 0) ? columns : null;
}

interface TextCell {
  text: string;
  start: number;
}

/** A line's cells and where each starts: split at tabs, or else at gaps of two spaces or more. */
function textCells(line: string): TextCell[] {
  if (line.includes("\t")) {
    let start = 0;
    return line.split("\t").map((text) => {
      const cell = { text, start };
      start += text.length + 1;
      return cell;
    });
  }
  return [...line.matchAll(/\S+(?: \S+)*/gu)].map((m) => ({ text: m[0], start: m.index }));
}

/**
 * Rows of copied text after its header line. A tabbed row keeps its cells in
 * place; a space-separated row with fewer cells than the header (an empty
 * column closed up) has each cell placed under the header cell it starts beneath.
 */
export function textRows(input: string): RowsRead {
  const lines = input.split(/\r?\n/u);
  const headerIndex = lines.findIndex((line) => headerColumns(textCells(line).map((c) => c.text)) !== null);
  if (headerIndex < 0) return NO_HEADER;
  const header = textCells(lines[headerIndex]!);
  const rows: TableRow[] = [];
  for (let index = headerIndex + 1; index < lines.length; index += 1) {
    const raw = lines[index]!;
    if (tidyCell(raw) === "") continue;
    const line = index + 1;
    const cells = textCells(raw);
    const placed = raw.includes("\t") || cells.length >= header.length ? cells.map((c) => c.text) : alignUnder(header, cells);
    if (!placed) return { error: { line, problem: "cells_misaligned", text: tidyCell(raw) } };
    rows.push({ line, cells: placed });
  }
  return { headerLine: headerIndex + 1, columns: headerColumns(header.map((c) => c.text))!, width: header.length, rows };
}

function alignUnder(header: readonly TextCell[], cells: readonly TextCell[]): string[] | null {
  const placed: string[] = header.map(() => "");
  for (const cell of cells) {
    const column = Math.max(0, header.findLastIndex((h) => h.start <= cell.start + 1));
    if (placed[column] !== "") return null;
    placed[column] = cell.text;
  }
  return placed;
}

/** Rows of CSV after its header record; a row's line is the line its record ends on. */
export function csvRows(input: string): RowsRead {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(input, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const line = error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 1) : 1;
    return { error: { line, problem: "malformed_csv", text: (error as Error).message } };
  }
  const headerIndex = records.findIndex((r) => headerColumns(r.record) !== null);
  if (headerIndex < 0) return NO_HEADER;
  return {
    headerLine: records[headerIndex]!.info.lines,
    columns: headerColumns(records[headerIndex]!.record)!,
    width: records[headerIndex]!.record.length,
    rows: records.slice(headerIndex + 1).map((r) => ({ line: r.info.lines, cells: r.record })),
  };
}
