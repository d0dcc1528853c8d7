/**
 * Filtering and sorting the country table: pure, driven by the query string
 * so every view is a shareable URL that works without JavaScript.
 */
import { collatorFor } from "../../lib/i18n/format";
import { parseStatusParam } from "./country-standing";
import type { ParticipantStatus } from "./treaty-status";

export const VOTE_CHOICES = ["yes", "no", "abstain", "absent"] as const;
export type VoteFilter = (typeof VOTE_CHOICES)[number];
export const SORT_KEYS = ["name", "status", "signed"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface DirectoryFilters {
  region: string | null;
  /** The confirmed status; `?status=ratified` from older links reads as `party`. */
  status: ParticipantStatus | null;
  vote: VoteFilter | null;
  sort: SortKey;
}

export interface DirectoryRow {
  name: string;
  region: string;
  status: ParticipantStatus;
  /** The day of the signature shown (confirmed, else reported); null when none or undated. */
  signedOn: string | null;
  vote: string | null;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** Unknown values are ignored, never an error: a stale shared link still shows the table. */
export function parseDirectoryFilters(params: URLSearchParams, regions: readonly string[]): DirectoryFilters {
  return {
    region: oneOf(regions, params.get("region")),
    status: parseStatusParam(params.get("status")),
    vote: oneOf(VOTE_CHOICES, params.get("vote")),
    sort: oneOf(SORT_KEYS, params.get("sort")) ?? "name",
  };
}

/** Furthest step first. */
const STATUS_ORDER: Record<ParticipantStatus, number> = { in_force: 0, party: 1, domestic_approval_reported: 2, signed: 3, not_joined: 4, not_signed: 5 };
const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const hasNoSignature = (row: DirectoryRow) => row.status === "not_signed" || row.status === "not_joined";
const signedKey = (row: DirectoryRow) => (hasNoSignature(row) ? "~" : (row.signedOn ?? "9999"));

export function applyDirectoryFilters<Row extends DirectoryRow>(rows: readonly Row[], filters: DirectoryFilters, lng: string): Row[] {
  const collator = collatorFor(lng);
  const byName = (a: Row, b: Row) => collator.compare(a.name, b.name);
  const compare: Record<SortKey, (a: Row, b: Row) => number> = {
    name: byName,
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byName(a, b),
    // Earliest signatures first; unknown dates after known ones, then non-signatories.
    signed: (a, b) => codeUnitOrder(signedKey(a), signedKey(b)) || byName(a, b),
  };
  return rows
    .filter((row) => !filters.region || row.region === filters.region)
    .filter((row) => !filters.status || row.status === filters.status)
    .filter((row) => !filters.vote || row.vote === filters.vote)
    .sort(compare[filters.sort]);
}
