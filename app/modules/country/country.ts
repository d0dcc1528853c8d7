/**
 * Country positions on a treaty: pure rules, no I/O.
 */
export type CountryStatus = "not_signed" | "signed" | "ratified";
export const COUNTRY_STATUSES: readonly CountryStatus[] = ["not_signed", "signed", "ratified"];

export interface TreatyActionFact {
  action: "signature" | "ratification";
  /** Null when the source does not confirm the day. */
  actedOn: string | null;
  sourceUrl: string;
  notes: string;
}

/** The furthest step a country has taken; a fact without a date still counts. */
export function deriveStatus(actions: readonly Pick<TreatyActionFact, "action">[]): CountryStatus {
  if (actions.some((a) => a.action === "ratification")) return "ratified";
  if (actions.some((a) => a.action === "signature")) return "signed";
  return "not_signed";
}

export type CountryCodeInput = { alphabet: "alpha2" | "alpha3"; code: string };

/** `fr`, `FRA`, ` fra ` → a normalized code; anything else → null. */
export function parseCountryCode(raw: string): CountryCodeInput | null {
  const code = raw.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code)) return { alphabet: "alpha2", code };
  if (/^[A-Z]{3}$/.test(code)) return { alphabet: "alpha3", code };
  return null;
}

/** The one URL form of a country: lower-case alpha-3. */
export function canonicalCountrySegment(code3: string): string {
  return code3.toLowerCase();
}
