import { normalizeForSearch } from "./country-search";
import { parseDepositaryDate, splitNameFootnotes, tidyCell } from "./depositary-cells";
import { htmlTableRows } from "./depositary-html";
import { matchDepositaryName } from "./depositary-names";
import { csvRows, textRows, type DepositaryColumn, type DepositaryTableError, type RowsRead } from "./depositary-rows";
import { DEPOSITARY_MARKERS, type ConsentKind } from "./treaty-facts";

export type { DepositaryColumn, DepositaryProblem, DepositaryTableError } from "./depositary-rows";

/**
 * The participant table of a treaty's page in the UN Treaty Collection, as
 * organizers paste it: the text a browser copies (tab- or space-separated
 * columns), the page's HTML, or CSV with the same columns. Pure: reading it
 * changes nothing, and a table with any problem yields only the problems.
 */

export type DepositaryFormat = "text" | "html" | "csv";

export interface DepositaryParticipant {
  /** Where the row is in the input (1 is the first line). */
  line: number;
  /** The name as the depositary writes it, footnote numbers removed. */
  name: string;
  nameFootnotes: string[];
  /** Alpha-3 (`EUU` for the European Union); null when the name is not known. */
  code3: string | null;
  signature: { date: string; footnotes: string[] } | null;
  consent: { kind: ConsentKind; date: string; footnotes: string[] } | null;
}

export type DepositaryParseResult =
  | { ok: true; format: DepositaryFormat; participants: DepositaryParticipant[] }
  | { ok: false; format: DepositaryFormat; errors: DepositaryTableError[] };

/** Which of the three forms the input is: HTML by a leading tag or table tags, text by tabs or wide gaps in the header line (or the first line), CSV by commas. */
export function detectDepositaryFormat(input: string): DepositaryFormat {
  if (/^\s*</u.test(input) || /<\s*(table|tr|td|th)\b/iu.test(input)) return "html";
  const lines = input.split(/\r?\n/u);
  const header = lines.find((line) => /participant/iu.test(line)) ?? lines.find((line) => line.trim() !== "") ?? "";
  return /\t| {2,}/u.test(header) || !header.includes(",") ? "text" : "csv";
}

/** Reads the table in the given form (guessed when not given). */
export function parseDepositaryTable(input: string, format: DepositaryFormat = detectDepositaryFormat(input)): DepositaryParseResult {
  const read: RowsRead = format === "html" ? htmlTableRows(input) : format === "csv" ? csvRows(input) : textRows(input);
  if ("error" in read) return { ok: false, format, errors: [read.error] };
  const result = readParticipants(read);
  return "errors" in result ? { ok: false, format, errors: result.errors } : { ok: true, format, participants: result.participants };
}

/** Every row checked, every problem collected: participants only when there is none. */
function readParticipants({ headerLine, columns, width, rows }: Exclude<RowsRead, { error: unknown }>): { participants: DepositaryParticipant[] } | { errors: DepositaryTableError[] } {
  const errors: DepositaryTableError[] = [];
  const participants: DepositaryParticipant[] = [];
  const firstLines = new Map<string, number>();
  for (const { line, cells } of rows) {
    const cell = (column: DepositaryColumn) => tidyCell(cells[columns[column]] ?? "");
    if (cells.every((c) => tidyCell(c) === "")) continue;
    if (cells.slice(width).some((c) => tidyCell(c) !== "")) {
      errors.push({ line, problem: "too_many_cells", text: cells.map(tidyCell).join(" | ") });
      continue;
    }
    const { name, footnotes: nameFootnotes } = splitNameFootnotes(cell("participant"));
    const signature = readDate(line, "signature", cell("signature"), errors);
    const consent = readDate(line, "consent", cell("consent"), errors);
    if (!name) {
      errors.push({ line, problem: "no_name" });
      continue;
    }
    if (signature === null && consent === null) errors.push({ line, problem: "no_date", column: "participant", text: name });
    if (signature?.marker) errors.push({ line, problem: "marker_in_signature", column: "signature", text: cell("signature") });
    const code3 = matchDepositaryName(name);
    const key = code3 ?? `name:${normalizeForSearch(name)}`;
    const firstLine = firstLines.get(key);
    if (firstLine !== undefined) errors.push({ line, problem: "duplicate_participant", column: "participant", text: name, firstLine });
    else firstLines.set(key, line);
    participants.push({
      line,
      name,
      nameFootnotes,
      code3,
      signature: signature ? { date: signature.date, footnotes: signature.footnotes } : null,
      consent: consent ? { kind: DEPOSITARY_MARKERS[consent.marker ?? ""]!, date: consent.date, footnotes: consent.footnotes } : null,
    });
  }
  if (errors.length > 0) return { errors };
  if (participants.length === 0) return { errors: [{ line: headerLine, problem: "empty_table" }] };
  return { participants };
}

/** Null for an empty cell; undefined, and a problem, for a cell that is not a date. */
function readDate(line: number, column: DepositaryColumn, text: string, errors: DepositaryTableError[]) {
  if (text === "") return null;
  const date = parseDepositaryDate(text);
  if (!date) errors.push({ line, problem: "not_a_date", column, text });
  return date ?? undefined;
}
