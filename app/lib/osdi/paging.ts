/**
 * OSDI collection paging and the `modified_date` filter, as pure functions.
 *
 * Pages are keyset pages over (modified_at, id): `_links.next` carries a cursor (the last row's
 * modification time to the microsecond and id) beside the page number, so a row changed while a
 * client pages moves behind the cursor and is listed again later, never skipped nor listed twice
 * for one change. A plain `?page=N` without a cursor is served by offset (Action Network's way).
 */

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 1000;

/** A timestamp as PostgreSQL keeps it, to the microsecond, in UTC: `2026-12-06T07:01:02.123456Z`. */
const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/u;

export interface Cursor {
  /** The last listed row's modified_at (MICRO_ISO). */
  modifiedAt: string;
  /** The last listed row's id, as text. */
  id: string;
  /** The number of records counted on the first page (kept so later pages need not count again). */
  total: number;
}

export interface ModifiedFilter {
  /** Only rows modified strictly after this instant (ISO 8601). */
  after: string | null;
  /** Only rows modified strictly before this instant. */
  before: string | null;
}

export interface PageRequest {
  page: number;
  perPage: number;
  cursor: Cursor | null;
  filter: ModifiedFilter;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.modifiedAt, cursor.id, cursor.total]), "utf8").toString("base64url");
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [modifiedAt, id, total] = value as unknown[];
    if (typeof modifiedAt !== "string" || !MICRO_ISO.test(modifiedAt)) return null;
    if (typeof id !== "string" || !/^[0-9a-f-]{1,36}$/u.test(id)) return null;
    if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0) return null;
    return { modifiedAt, id, total };
  } catch {
    return null;
  }
}

/** An instant as an OSDI filter may give it: a date, or a date and time with an optional zone (UTC when none). */
function parseInstant(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/u.exec(text.trim());
  if (!m) return null;
  const time = m[2] === undefined ? "00:00:00" : m[2].length === 5 ? `${m[2]}:00` : m[2];
  const zone = m[3] === undefined ? "Z" : m[3];
  const iso = `${m[1]}T${time}${zone}`;
  if (Number.isNaN(Date.parse(iso))) return null;
  // The microseconds stay as typed: PostgreSQL compares to the microsecond.
  return iso;
}

const CLAUSE = /^modified_date\s+(gt|lt)\s+'([^']*)'$/iu;

/**
 * `modified_date gt '2026-12-01T00:00:00Z'`, `… lt '…'`, or both joined by `and`. Anything else
 * is refused: we would rather say so than silently list everything.
 */
export function parseModifiedFilter(text: string | null): Parsed<ModifiedFilter> {
  const filter: ModifiedFilter = { after: null, before: null };
  if (text === null || text.trim() === "") return { ok: true, value: filter };
  const clauses = text.trim().split(/\s+and\s+/iu);
  if (clauses.length > 2) return { ok: false, field: "filter", message: "At most two clauses: modified_date gt '<time>' and modified_date lt '<time>'." };
  for (const clause of clauses) {
    const m = CLAUSE.exec(clause.trim());
    if (!m) return { ok: false, field: "filter", message: "Only modified_date gt '<ISO 8601 time>' and modified_date lt '<ISO 8601 time>' (or both, joined by and) are supported." };
    const instant = parseInstant(m[2]!);
    if (!instant) return { ok: false, field: "filter", message: `Not an ISO 8601 time: '${m[2]}'.` };
    const op = m[1]!.toLowerCase();
    if (op === "gt") {
      if (filter.after !== null) return { ok: false, field: "filter", message: "modified_date gt given twice." };
      filter.after = instant;
    } else {
      if (filter.before !== null) return { ok: false, field: "filter", message: "modified_date lt given twice." };
      filter.before = instant;
    }
  }
  return { ok: true, value: filter };
}

function positiveInteger(text: string | null, fallback: number): number | null {
  if (text === null || text === "") return fallback;
  if (!/^\d{1,9}$/u.test(text)) return null;
  const n = Number(text);
  return n >= 1 ? n : null;
}

/** Reads `page`, `per_page`, `cursor` and `filter` from a collection URL. */
export function parsePageRequest(params: URLSearchParams): Parsed<PageRequest> {
  const page = positiveInteger(params.get("page"), 1);
  if (page === null) return { ok: false, field: "page", message: "page must be a whole number from 1." };
  const perPage = positiveInteger(params.get("per_page"), DEFAULT_PER_PAGE);
  if (perPage === null || perPage > MAX_PER_PAGE) return { ok: false, field: "per_page", message: `per_page must be a whole number from 1 to ${MAX_PER_PAGE}.` };
  const cursorText = params.get("cursor");
  const cursor = cursorText === null || cursorText === "" ? null : decodeCursor(cursorText);
  if (cursorText && !cursor) return { ok: false, field: "cursor", message: "cursor is not one this server gave (follow _links.next as it is)." };
  const filter = parseModifiedFilter(params.get("filter"));
  if (!filter.ok) return filter;
  return { ok: true, value: { page, perPage, cursor, filter: filter.value } };
}

export function totalPages(total: number, perPage: number): number {
  return Math.ceil(total / perPage);
}

/**
 * A name as given_name and family_name: the last word is the family name, the words before it
 * the given name; a single word is all given name. (We ask for one name; this is a best guess.)
 */
export function splitName(name: string): { given_name: string; family_name?: string } {
  const words = name.trim().split(/\s+/u).filter((w) => w !== "");
  if (words.length < 2) return { given_name: words.join(" ") };
  return { given_name: words.slice(0, -1).join(" "), family_name: words[words.length - 1]! };
}
