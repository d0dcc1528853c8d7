import { isValidEmailAddress } from "../mail/mail-address";

/**
 * The columns of a targets CSV (header row required; extra columns are an
 * error). `active` and `email_public` may be left out of a file.
 */
export const TARGET_COLUMNS = ["country", "name", "role", "organization", "email", "language", "active", "source_url", "email_public"] as const;
/** Columns a file may leave out. */
export const OPTIONAL_TARGET_COLUMNS: readonly TargetColumn[] = ["active", "email_public"];
export type TargetColumn = (typeof TARGET_COLUMNS)[number];

export type TargetRowProblem =
  | "missing"
  | "too_long"
  | "control_characters"
  | "markup"
  | "country_unknown"
  | "email_invalid"
  | "language_invalid"
  | "active_invalid"
  | "url_invalid"
  | "email_public_invalid";

export interface TargetInput {
  countryCode: string;
  name: string;
  role: string;
  organization: string;
  email: string;
  language: string;
  active: boolean;
  sourceUrl: string;
  /**
   * Whether visitors may be given the address (the "send from my own mail
   * app" link). Undefined when the row has no `email_public` column at all:
   * an existing target then keeps its setting, a new one is not public.
   */
  emailPublic: boolean | undefined;
}

export type TargetRowResult = { ok: true; target: TargetInput } | { ok: false; problems: { column: TargetColumn; problem: TargetRowProblem }[] };

const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/u;
const YES_NO: Record<string, boolean> = { true: true, yes: true, "1": true, false: false, no: false, "0": false };
/** An empty cell is the default: active, and not public. */
const ACTIVE: Record<string, boolean> = { "": true, ...YES_NO };
const EMAIL_PUBLIC: Record<string, boolean> = { "": false, ...YES_NO };
/** A yes/no cell as a boolean, or undefined when it is neither (own keys only: "constructor" is no answer). */
const yesNo = (table: Record<string, boolean>, raw: string): boolean | undefined => {
  const key = raw.trim().toLowerCase();
  return Object.hasOwn(table, key) ? table[key] : undefined;
};

/**
 * Checks one row of a targets CSV. `countryCode` resolves alpha-2 or alpha-3
 * in any case to a known alpha-3, or null. Every problem of the row is listed.
 */
export function validateTargetRow(row: Partial<Record<TargetColumn, string>>, countryCode: (raw: string) => string | null): TargetRowResult {
  const problems: { column: TargetColumn; problem: TargetRowProblem }[] = [];
  const text = (column: TargetColumn, max: number): string => {
    const value = (row[column] ?? "").trim();
    if (value === "") problems.push({ column, problem: "missing" });
    else if (value.length > max) problems.push({ column, problem: "too_long" });
    else if (CONTROL.test(value)) problems.push({ column, problem: "control_characters" });
    else if (/[<>]/u.test(value)) problems.push({ column, problem: "markup" });
    return value;
  };
  const name = text("name", 200);
  const role = text("role", 200);
  const organization = text("organization", 200);
  const rawCountry = (row.country ?? "").trim();
  const country = rawCountry === "" ? null : countryCode(rawCountry);
  if (rawCountry === "") problems.push({ column: "country", problem: "missing" });
  else if (!country) problems.push({ column: "country", problem: "country_unknown" });
  const email = (row.email ?? "").trim().toLowerCase();
  if (email === "") problems.push({ column: "email", problem: "missing" });
  else if (CONTROL.test(email) || !isValidEmailAddress(email)) problems.push({ column: "email", problem: "email_invalid" });
  const language = (row.language ?? "").trim();
  if (language === "") problems.push({ column: "language", problem: "missing" });
  else if (!LANGUAGE.test(language)) problems.push({ column: "language", problem: "language_invalid" });
  const active = yesNo(ACTIVE, row.active ?? "");
  if (active === undefined) problems.push({ column: "active", problem: "active_invalid" });
  const emailPublic = row.email_public === undefined ? undefined : yesNo(EMAIL_PUBLIC, row.email_public);
  if (row.email_public !== undefined && emailPublic === undefined) problems.push({ column: "email_public", problem: "email_public_invalid" });
  const sourceUrl = (row.source_url ?? "").trim();
  if (sourceUrl === "") problems.push({ column: "source_url", problem: "missing" });
  else if (!/^https?:\/\/\S+$/u.test(sourceUrl)) problems.push({ column: "source_url", problem: "url_invalid" });

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, target: { countryCode: country!, name, role, organization, email, language, active: active!, sourceUrl, emailPublic } };
}
