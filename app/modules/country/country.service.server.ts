import { collatorFor } from "../../lib/i18n/format";
import type { Kysely } from "kysely";
import worldCountries from "world-countries";
import type { Database, Stance, VoteChoice } from "../../../db/schema";
import { SUPPORTED_LANGUAGES } from "../../lib/i18n/languages";
import { TtlCache } from "../../lib/ttl-cache";
import { canonicalCountrySegment, parseCountryCode } from "./country";
import { countryName } from "./country-names";
import { buildSearchIndex, isDecisiveMatch, searchCountries, type CountrySearchIndex } from "./country-search";
import { shownSignature, shownStanding, type ShownStanding } from "./country-standing";
import * as repo from "./country.repo.server";
import type { TreatyHeadline } from "./treaty-count";
import { isConsentToBeBound, type Confidence } from "./treaty-facts";
import { screenFacts, signaturePhase, type SignaturePhase, type TreatyEntryIntoForce, type ParticipantKind } from "./treaty-rules";
import { loadTreatyStandings, type StoredTreatyFact, type TreatyStandings } from "./treaty-standing.server";
import type { ParticipantStatus } from "./treaty-status";

type Db = Kysely<Database>;

export interface CountrySummary {
  code3: string;
  code2: string;
  name: string;
  kind: string;
  participantKind: ParticipantKind;
  region: string;
  /** Confirmed status (depositary or official sources only). */
  status: ParticipantStatus;
  /** A further step only reported, with how sure the surest report is. */
  reported: ShownStanding["reported"];
  inForceOn: string | null;
  /** The day of the signature shown: the confirmed one, else a reported one; null when none or undated. */
  signedOn: string | null;
  /** The signature shown and its confidence; null when our sources have none. */
  signature: { on: string | null; confidence: Confidence } | null;
  /** This country's vote in `CountryDirectory.recordedVote`, when it has one. */
  vote: VoteChoice | null;
}

/** The treaty as the public pages state it: its window, its phase on `today`, the last depositary check. */
export interface TreatyPhase {
  slug: string;
  openedForSignatureOn: string;
  signatureClosesOn: string;
  signaturePhase: SignaturePhase;
  instrumentsNeeded: number;
  countingParticipantKinds: readonly ParticipantKind[];
  /** The "as of" date of every figure and every "none found"; null: not yet checked. */
  depositaryCheckedOn: string | null;
  entryIntoForce: TreatyEntryIntoForce;
}

export interface CountryDirectory {
  treaty: TreatyPhase;
  /** The latest recorded vote with a per-country record, shown as a column. */
  recordedVote: { reference: string; votedOn: string; sourceUrl: string } | null;
  countries: CountrySummary[];
  headline: TreatyHeadline;
  /**
   * The API's first figures, unchanged in meaning: participants with a signature, and with an
   * instrument of consent, in our sources whatever their confidence.
   */
  legacyFigures: { signatories: number; ratifications: number; ratificationsNeeded: number };
}

function treatyPhase(standings: TreatyStandings, today: string): TreatyPhase {
  const { treaty, entryIntoForce } = standings;
  return {
    slug: treaty.slug,
    openedForSignatureOn: treaty.parameters.openedForSignatureOn,
    signatureClosesOn: treaty.parameters.signatureClosesOn,
    signaturePhase: signaturePhase(treaty.parameters, today),
    instrumentsNeeded: treaty.parameters.instrumentsNeeded,
    countingParticipantKinds: treaty.parameters.countingParticipantKinds,
    depositaryCheckedOn: treaty.depositaryCheckedOn,
    entryIntoForce,
  };
}

/** The facts that stand on `today` (a fact dated later, or outside the signature window, is set aside). */
function standingFacts(standings: TreatyStandings, code3: string, today: string): StoredTreatyFact[] {
  const participant = standings.participants.get(code3);
  return participant ? screenFacts(standings.treaty.parameters, participant.facts, today).standing : [];
}

function summaryOf(
  standings: TreatyStandings,
  country: { code3: string; code2: string; kind: string; region: string; participant_kind: ParticipantKind },
  name: string,
  today: string,
): Omit<CountrySummary, "vote"> {
  const facts = standingFacts(standings, country.code3, today);
  const standing = standings.standings.get(country.code3);
  if (!standing) throw new Error(`No standing for ${country.code3}`);
  const shown = shownStanding(standing, facts, standings.treaty.depositaryCheckedOn);
  const signature = shownSignature(facts);
  return {
    code3: country.code3,
    code2: country.code2,
    name,
    kind: country.kind,
    participantKind: country.participant_kind,
    region: country.region,
    status: shown.status,
    reported: shown.reported,
    inForceOn: shown.inForceOn,
    signedOn: signature?.date ?? null,
    signature: signature ? { on: signature.date, confidence: signature.confidence } : null,
  };
}

/** Every participant's standing on `today` (the route's day: the rules never read the clock). */
export async function getCountryDirectory(db: Db, treatySlug: string, lng: string, nameOverrides: Record<string, string>, today: string): Promise<CountryDirectory> {
  const [standings, countries] = await Promise.all([loadTreatyStandings(db, treatySlug, today), repo.listCountries(db)]);
  const latestVote = await repo.findLatestPerCountryVote(db, standings.treaty.id);
  const votes = new Map(latestVote?.countryVotes.map((v) => [v.country_code, v.vote]));
  const collator = collatorFor(lng);
  const summaries = countries
    .map((c) => ({ ...summaryOf(standings, c, countryName(lng, c.code2, nameOverrides), today), vote: votes.get(c.code3) ?? null }))
    .sort((a, b) => collator.compare(a.name, b.name));
  const withFact = (isKind: (kind: StoredTreatyFact["kind"]) => boolean) =>
    countries.filter((c) => standingFacts(standings, c.code3, today).some((f) => isKind(f.kind))).length;
  return {
    treaty: treatyPhase(standings, today),
    recordedVote: latestVote ? { reference: latestVote.reference, votedOn: latestVote.votedOn, sourceUrl: latestVote.sourceUrl } : null,
    countries: summaries,
    headline: standings.headline,
    legacyFigures: {
      signatories: withFact((kind) => kind === "signature"),
      ratifications: withFact(isConsentToBeBound),
      ratificationsNeeded: standings.treaty.parameters.instrumentsNeeded,
    },
  };
}

/**
 * Reference data that does not change while the process runs: built once per
 * database handle (a few handles at most: tests open several, a server one).
 */
const searchIndexes = new TtlCache<Db, CountrySearchIndex>({ max: 4 });

function searchIndexFor(db: Db, nameOverridesByLanguage: Record<string, Record<string, string>>) {
  return searchIndexes.get(db, async () =>
    buildSearchIndex(
      (await repo.listCountries(db)).map((c) => {
        const known = worldCountries.find((w) => w.cca3 === c.code3);
        return {
          code3: c.code3,
          code2: c.code2,
          names: [
            c.reference_name,
            ...SUPPORTED_LANGUAGES.map((lng) => countryName(lng, c.code2, nameOverridesByLanguage[lng])),
            ...(known ? [known.name.common, known.name.official, ...known.altSpellings] : []),
            ...(known ? Object.values(known.translations).flatMap((t) => [t.common, t.official]) : []),
          ],
        };
      }),
    ),
  );
}

export type CountrySearchResult =
  | { kind: "empty" }
  | { kind: "one"; segment: string }
  | { kind: "list"; codes3: string[] };

export async function searchCountryDirectory(
  db: Db,
  query: string,
  nameOverridesByLanguage: Record<string, Record<string, string>>,
): Promise<CountrySearchResult> {
  if (!query.trim()) return { kind: "empty" };
  const index = await searchIndexFor(db, nameOverridesByLanguage);
  const codes3 = searchCountries(index, query, 20);
  const [first] = codes3;
  if (first && (codes3.length === 1 || isDecisiveMatch(index, query, first))) {
    return { kind: "one", segment: canonicalCountrySegment(first) };
  }
  return { kind: "list", codes3 };
}

/**
 * What a country's profile shows from later parts of the product (letters to its decision
 * makers, the campaigns that fit its confirmed status), read by a function the caller passes:
 * the country module knows nothing of campaigns or letters.
 */
export type CountryLettersReader<L> = (db: Db, code3: string, treatyId: number, status: ParticipantStatus) => Promise<L>;

export interface CountryProfile<L = unknown> {
  country: CountrySummary & { referenceName: string; subregion: string; unRegionalGroup: string | null };
  standing: ShownStanding;
  /** Every fact that stands on the day asked, of every kind, each with its confidence and source. */
  facts: StoredTreatyFact[];
  statements: { statedOn: string | null; stance: Stance; summary: string; sourceUrl: string; confidence: Confidence }[];
  votes: {
    reference: string;
    body: string;
    votedOn: string;
    tally: { yes: number; no: number; abstain: number };
    vote: VoteChoice;
    /** How the per-country record was obtained (English, from the data). */
    description: string;
    sourceUrl: string;
  }[];
  treaty: TreatyPhase & { timeline: { occurredOn: string; event: string; sourceUrl: string }[] };
  /** Letters to this country's decision makers through the platform, as `readLetters` gave them. */
  letters: L;
  /** When our record of this country last changed (ISO day), if it has any fact: not when anyone checked it. */
  recordChangedOn: string | null;
}

function latestDay(timestamps: Date[]): string | null {
  const latest = Math.max(...timestamps.map((t) => new Date(t).getTime()));
  return Number.isFinite(latest) ? new Date(latest).toISOString().slice(0, 10) : null;
}

export type CountryLookup<L> =
  | { kind: "not_found" }
  | { kind: "redirect"; segment: string }
  | { kind: "found"; profile: CountryProfile<L> };

export async function getCountryProfile<L>(
  db: Db,
  treatySlug: string,
  lng: string,
  rawCode: string,
  nameOverrides: Record<string, string>,
  readLetters: CountryLettersReader<L>,
  today: string,
): Promise<CountryLookup<L>> {
  const parsed = parseCountryCode(rawCode);
  if (!parsed) return { kind: "not_found" };
  const country = await repo.findCountryByCode(db, parsed.alphabet, parsed.code);
  if (!country) return { kind: "not_found" };
  const segment = canonicalCountrySegment(country.code3);
  if (rawCode !== segment) return { kind: "redirect", segment };

  const standings = await loadTreatyStandings(db, treatySlug, today);
  const treatyId = standings.treaty.id;
  const standing = standings.standings.get(country.code3);
  if (!standing) throw new Error(`No standing for ${country.code3}`);
  const [statements, votes, timeline, letters] = await Promise.all([
    repo.listCountryStatements(db, treatyId, country.code3),
    repo.listCountryVotes(db, treatyId, country.code3),
    repo.listTimelineEvents(db, treatyId),
    readLetters(db, country.code3, treatyId, standing.confirmed),
  ]);
  const facts = standingFacts(standings, country.code3, today);
  const allFacts = standings.participants.get(country.code3)?.facts ?? [];
  return {
    kind: "found",
    profile: {
      country: {
        ...summaryOf(standings, country, countryName(lng, country.code2, nameOverrides), today),
        vote: null,
        subregion: country.subregion,
        unRegionalGroup: country.un_regional_group,
        referenceName: country.reference_name,
      },
      standing: shownStanding(standing, facts, standings.treaty.depositaryCheckedOn),
      facts,
      statements: statements.map((s) => ({ statedOn: s.stated_on, stance: s.stance, summary: s.summary, sourceUrl: s.source_url, confidence: s.confidence })),
      votes: votes.map((v) => ({
        reference: v.reference,
        body: v.body,
        votedOn: v.voted_on,
        tally: { yes: v.yes_count, no: v.no_count, abstain: v.abstain_count },
        vote: v.vote,
        description: v.description,
        sourceUrl: v.source_url,
      })),
      letters,
      recordChangedOn: latestDay([...allFacts.map((f) => f.updatedAt), ...statements.map((s) => s.updated_at), ...votes.flatMap((v) => (v.updated_at ? [v.updated_at] : []))]),
      treaty: {
        ...treatyPhase(standings, today),
        timeline: timeline.map((e) => ({ occurredOn: e.occurred_on, event: e.event, sourceUrl: e.source_url })),
      },
    },
  };
}
