import { isValidEmailAddress } from "../mail/mail-address";

/** The columns of a targets CSV (header row required; extra columns are an error). */
export const TARGET_COLUMNS = ["country", "name", "role", "organization", "email", "language", "active", "source_url"] as const;
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
  | "url_invalid";

export interface TargetInput {
  countryCode: string;
  name: string;
  role: string;
  organization: string;
  email: string;
  language: string;
  active: boolean;
  sourceUrl: string;
}

export type TargetRowResult = { ok: true; target: TargetInput } | { ok: false; problems: { column: TargetColumn; problem: TargetRowProblem }[] };

const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/u;
const ACTIVE: Record<string, boolean> = { "": true, true: true, yes: true, "1": true, false: false, no: false, "0": false };

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
  const active = ACTIVE[(row.active ?? "").trim().toLowerCase()];
  if (active === undefined) problems.push({ column: "active", problem: "active_invalid" });
  const sourceUrl = (row.source_url ?? "").trim();
  if (sourceUrl === "") problems.push({ column: "source_url", problem: "missing" });
  else if (!/^https?:\/\/\S+$/u.test(sourceUrl)) problems.push({ column: "source_url", problem: "url_invalid" });

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, target: { countryCode: country!, name, role, organization, email, language, active: active!, sourceUrl } };
}
