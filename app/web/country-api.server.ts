import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { SUPPORTED_LANGUAGES } from "../lib/i18n/languages";
import { countryName } from "../modules/country/country-names";
import { getCountryDirectory, getCountryProfile, type CountryProfile } from "../modules/country/country.service.server";

type Db = Kysely<Database>;
type NameOverrides = Record<string, Record<string, string>>;

function namesOf(code2: string, overrides: NameOverrides) {
  return Object.fromEntries(SUPPORTED_LANGUAGES.map((lng) => [lng, countryName(lng, code2, overrides[lng])]));
}

/** The public JSON shape of the country list: stable, documented in the README. */
export async function countriesForApi(db: Db, treatySlug: string, overrides: NameOverrides) {
  const directory = await getCountryDirectory(db, treatySlug, "en", overrides.en ?? {});
  return {
    treaty: directory.treaty,
    figures: directory.figures,
    countries: directory.countries
      .map((c) => ({
        code: c.code3,
        alpha2: c.code2,
        kind: c.kind,
        region: c.region,
        names: namesOf(c.code2, overrides),
        status: c.status,
        signedOn: c.signedOn,
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export type CountryApiLookup =
  | { kind: "not_found" }
  | { kind: "redirect"; segment: string }
  | { kind: "found"; body: ReturnType<typeof profileBody> };

function profileBody(profile: CountryProfile, overrides: NameOverrides) {
  const { country } = profile;
  return {
    code: country.code3,
    alpha2: country.code2,
    kind: country.kind,
    region: country.region,
    subregion: country.subregion,
    unRegionalGroup: country.unRegionalGroup,
    names: namesOf(country.code2, overrides),
    status: country.status,
    actions: profile.actions.map((a) => ({ action: a.action, date: a.actedOn, source: a.sourceUrl, notes: a.notes })),
    votes: profile.votes.map((v) => ({
      reference: v.reference,
      body: v.body,
      date: v.votedOn,
      vote: v.vote,
      tally: v.tally,
      source: v.sourceUrl,
    })),
    statements: profile.statements.map((s) => ({ date: s.statedOn, stance: s.stance, summary: s.summary, summaryLanguage: "en", source: s.sourceUrl })),
  };
}

/** The API's country body says nothing of letters. */
const noLetters = async () => null;

export async function countryForApi(db: Db, treatySlug: string, rawCode: string, overrides: NameOverrides): Promise<CountryApiLookup> {
  const lookup = await getCountryProfile(db, treatySlug, "en", rawCode, overrides.en ?? {}, noLetters);
  if (lookup.kind !== "found") return lookup;
  return { kind: "found", body: profileBody(lookup.profile, overrides) };
}
