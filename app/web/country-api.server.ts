import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { SUPPORTED_LANGUAGES } from "../lib/i18n/languages";
import { countryName } from "../modules/country/country-names";
import { legacyStatus } from "../modules/country/country-standing";
import { getCountryDirectory, getCountryProfile, type CountryProfile, type CountrySummary, type TreatyPhase } from "../modules/country/country.service.server";
import type { TreatyHeadline } from "../modules/country/treaty-count";
import { FACT_KIND_MEANING } from "../modules/country/treaty-facts";

type Db = Kysely<Database>;
type NameOverrides = Record<string, Record<string, string>>;

function namesOf(code2: string, overrides: NameOverrides) {
  return Object.fromEntries(SUPPORTED_LANGUAGES.map((lng) => [lng, countryName(lng, code2, overrides[lng])]));
}

/** The treaty's phase and rules (all additive to the first `treaty` object). */
function treatyBody(treaty: TreatyPhase) {
  return {
    slug: treaty.slug,
    ratificationsForEntryIntoForce: treaty.instrumentsNeeded,
    openedForSignatureOn: treaty.openedForSignatureOn,
    signatureClosesOn: treaty.signatureClosesOn,
    signaturePhase: treaty.signaturePhase,
    instrumentsNeeded: treaty.instrumentsNeeded,
    countingParticipantKinds: treaty.countingParticipantKinds,
    depositaryCheckedOn: treaty.depositaryCheckedOn,
  };
}

function headlineBody(headline: TreatyHeadline) {
  const { entryIntoForce } = headline;
  return {
    asOf: headline.asOf,
    signatories: headline.signatories,
    instruments: headline.instruments,
    instrumentsNotCounted: headline.instrumentsNotCounted,
    entryIntoForce: entryIntoForce.reached
      ? { reached: true, on: entryIntoForce.on, lastNeededDepositOn: entryIntoForce.lastNeededDepositOn }
      : { reached: false, on: null, lastNeededDepositOn: null },
  };
}

/** A participant's standing: the first `status` (not_signed/signed/ratified) read from the confirmed one, and the new fields. */
function standingBody(country: CountrySummary) {
  return {
    status: legacyStatus(country.status),
    participantKind: country.participantKind,
    participantStatus: country.status,
    reportedStatus: country.reported?.status ?? null,
    reportedConfidence: country.reported?.confidence ?? null,
    inForceOn: country.inForceOn,
    signature: country.signature ? { date: country.signature.on, confidence: country.signature.confidence } : null,
  };
}

/** The public JSON shape of the country list: stable, documented in the README. */
export async function countriesForApi(db: Db, treatySlug: string, overrides: NameOverrides, today: string) {
  const directory = await getCountryDirectory(db, treatySlug, "en", overrides.en ?? {}, today);
  return {
    treaty: treatyBody(directory.treaty),
    asOf: directory.treaty.depositaryCheckedOn,
    figures: directory.legacyFigures,
    headline: headlineBody(directory.headline),
    countries: directory.countries
      .map((c) => ({
        code: c.code3,
        alpha2: c.code2,
        kind: c.kind,
        region: c.region,
        names: namesOf(c.code2, overrides),
        signedOn: c.signature?.on ?? null,
        ...standingBody(c),
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export type CountryApiLookup =
  | { kind: "not_found" }
  | { kind: "redirect"; segment: string }
  | { kind: "found"; body: ReturnType<typeof profileBody> };

function profileBody(profile: CountryProfile, overrides: NameOverrides) {
  const { country, treaty } = profile;
  const source = (f: { sourceUrl: string }) => f.sourceUrl;
  return {
    code: country.code3,
    alpha2: country.code2,
    kind: country.kind,
    region: country.region,
    subregion: country.subregion,
    unRegionalGroup: country.unRegionalGroup,
    names: namesOf(country.code2, overrides),
    ...standingBody(country),
    absence: profile.standing.absence,
    asOf: treaty.depositaryCheckedOn,
    treaty: treatyBody(treaty),
    recordChangedOn: profile.recordChangedOn,
    // As before: signatures and ratifications only; `confidence` is new.
    actions: profile.facts
      .filter((f) => f.kind === "signature" || f.kind === "ratification")
      .map((f) => ({ action: f.kind, date: f.date, source: source(f), notes: f.notes, confidence: f.confidence })),
    facts: profile.facts.map((f) => ({
      kind: f.kind,
      date: f.date,
      confidence: f.confidence,
      deposited: FACT_KIND_MEANING[f.kind].deposited,
      consentToBeBound: FACT_KIND_MEANING[f.kind].consentToBeBound,
      source: source(f),
      notes: f.notes,
      declarationText: f.declarationText,
      declarationUrl: f.declarationUrl,
    })),
    declarations: profile.facts
      .filter((f) => f.kind === "declaration_or_reservation")
      .map((f) => ({ date: f.date, text: f.declarationText, textLanguage: "en", url: f.declarationUrl, source: source(f), confidence: f.confidence })),
    votes: profile.votes.map((v) => ({
      reference: v.reference,
      body: v.body,
      date: v.votedOn,
      vote: v.vote,
      tally: v.tally,
      source: v.sourceUrl,
    })),
    statements: profile.statements.map((s) => ({ date: s.statedOn, stance: s.stance, summary: s.summary, summaryLanguage: "en", source: s.sourceUrl, confidence: s.confidence })),
  };
}

/** The API's country body says nothing of letters. */
const noLetters = async () => null;

export async function countryForApi(db: Db, treatySlug: string, rawCode: string, overrides: NameOverrides, today: string): Promise<CountryApiLookup> {
  const lookup = await getCountryProfile(db, treatySlug, "en", rawCode, overrides.en ?? {}, noLetters, today);
  if (lookup.kind !== "found") return lookup;
  return { kind: "found", body: profileBody(lookup.profile, overrides) };
}
