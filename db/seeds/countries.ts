import worldCountries from "world-countries";
import type { Insertable } from "kysely";
import type { CountriesTable } from "../schema";

type CountryRow = Insertable<CountriesTable>;

export const EUROPEAN_UNION: CountryRow = {
  code3: "EUU",
  code2: "EU",
  kind: "organization",
  reference_name: "European Union",
  region: "Europe",
  subregion: "",
  un_regional_group: null,
};

const OBSERVER_STATES = new Map([
  ["VAT", "Holy See"],
  ["PSE", "State of Palestine"],
]);

/**
 * Every UN member State (the 193 in the General Assembly roll call, keyed by
 * alpha-3 with their UN short names), the two observer States and the EU.
 * `memberNames` comes from the roll-call CSV so membership has a source.
 */
export function buildCountryRows(memberNames: ReadonlyMap<string, string>): CountryRow[] {
  const rows: CountryRow[] = [];
  for (const country of worldCountries) {
    const memberName = memberNames.get(country.cca3);
    const observerName = OBSERVER_STATES.get(country.cca3);
    if (!memberName && !observerName) continue;
    rows.push({
      code3: country.cca3,
      code2: country.cca2,
      kind: memberName ? "member_state" : "observer_state",
      reference_name: memberName ?? observerName ?? country.name.common,
      region: country.region,
      subregion: country.subregion,
      un_regional_group: memberName ? country.unRegionalGroup || null : null,
    });
  }
  const missing = [...memberNames.keys()].filter((code3) => !rows.some((r) => r.code3 === code3));
  if (missing.length > 0) throw new Error(`No country data for member State(s): ${missing.join(", ")}`);
  rows.push(EUROPEAN_UNION);
  return rows.sort((a, b) => a.code3.localeCompare(b.code3));
}
