import { DEPOSITARY_MARKERS } from "./treaty-facts";

/**
 * One cell of the depositary's participant table, as the UN Treaty Collection
 * writes it: a name with footnote numbers (`Russian Federation 2,3`), a date
 * (`25 Oct 2025`) with the mark of the instrument after it (`a`, `AA`) and
 * footnote numbers of its own.
 */

export interface DepositaryDate {
  /** ISO day, `2025-10-25`. */
  date: string;
  /** The marker after the date (`AA`), null when there is none. */
  marker: string | null;
  footnotes: string[];
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

/** Spaces of every kind (a browser copies `&nbsp;` as U+00A0) as one plain space, trimmed. */
export function tidyCell(raw: string): string {
  return raw.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/gu, " ").trim();
}

/** `Azerbaijan1` → Azerbaijan, [1]; `Russian Federation 2,3` → Russian Federation, [2, 3]. */
export function splitNameFootnotes(raw: string): { name: string; footnotes: string[] } {
  const cell = tidyCell(raw);
  const match = /^(.*?\D)\s*(\d+(?:\s*,\s*\d+)*)$/u.exec(cell);
  if (!match) return { name: cell, footnotes: [] };
  return { name: match[1]!.replace(/[\s,]+$/u, ""), footnotes: match[2]!.split(",").map((n) => n.trim()) };
}

/**
 * `25 Oct 2025`, `9 Jan 2026 a`, `12 Feb 2026 AA 3`, `12 Feb 20263` (a
 * footnote glued to the year) → the day, marker and footnotes; null for
 * anything else, a day that does not exist included.
 */
export function parseDepositaryDate(raw: string): DepositaryDate | null {
  const match = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})(.*)$/u.exec(tidyCell(raw));
  if (!match) return null;
  const [, dayText, monthText, yearText, rest] = match as unknown as [string, string, string, string, string];
  const month = MONTHS[monthText.toLowerCase()];
  const day = Number(dayText);
  const year = Number(yearText);
  if (!month) return null;
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  const tail = readTail(rest);
  if (!tail) return null;
  return { date: utc.toISOString().slice(0, 10), ...tail };
}

/** `AA|A|a|d|c`: the longest first, so that `AA` is not read as `A`. */
const MARKERS = Object.keys(DEPOSITARY_MARKERS)
  .filter(Boolean)
  .sort((a, b) => b.length - a.length)
  .join("|");

/** What follows the year: at most one marker (bare or in brackets) and footnote numbers, in either order. */
function readTail(rest: string): { marker: string | null; footnotes: string[] } | null {
  const token = new RegExp(String.raw`\s*(?:\(?(${MARKERS})\)?(?![A-Za-z])|(\d+)|,)`, "uy");
  let marker: string | null = null;
  const footnotes: string[] = [];
  let at = 0;
  while (at < rest.length) {
    token.lastIndex = at;
    const found = token.exec(rest);
    if (!found) return rest.slice(at).trim() === "" ? { marker, footnotes } : null;
    if (found[1]) {
      if (marker) return null;
      marker = found[1];
    } else if (found[2]) footnotes.push(found[2]);
    at = token.lastIndex;
  }
  return { marker, footnotes };
}
