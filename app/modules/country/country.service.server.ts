import { collatorFor } from "../../lib/i18n/format";
import type { Kysely } from "kysely";
import worldCountries from "world-countries";
import type { Database, Stance, VoteChoice } from "../../../db/schema";
import { SUPPORTED_LANGUAGES } from "../../lib/i18n/languages";
import { TtlCache } from "../../lib/ttl-cache";
import { canonicalCountrySegment, deriveStatus, parseCountryCode, type CountryStatus, type TreatyActionFact } from "./country";
import { countryName } from "./country-names";
import { buildSearchIndex, isDecisiveMatch, searchCountries, type CountrySearchIndex } from "./country-search";
import * as repo from "./country.repo.server";

type Db = Kysely<Database>;

export interface CountrySummary {
  code3: string;
  code2: string;
  name: string;
  kind: string;
  region: string;
  status: CountryStatus;
  signedOn: string | null;
  /** This country's vote in `CountryDirectory.recordedVote`, when it has one. */
  vote: VoteChoice | null;
}

export interface CountryDirectory {
  treaty: { slug: string; ratificationsForEntryIntoForce: number };
  /** The latest recorded vote with a per-country record, shown as a column. */
  recordedVote: { reference: string; votedOn: string } | null;
  countries: CountrySummary[];
  figures: { signatories: number; ratifications: number; ratificationsNeeded: number };
}

/** The treaty this deployment campaigns on (TREATY_SLUG: the configuration's `treaty.slug`). */
async function requireTreaty(db: Db, treatySlug: string) {
  const treaty = await repo.findTreatyBySlug(db, treatySlug);
  if (!treaty) throw new Error(`Treaty ${treatySlug} is not in the database: run npm run db:seed`);
  return treaty;
}

export async function getCountryDirectory(db: Db, treatySlug: string, lng: string, nameOverrides: Record<string, string>): Promise<CountryDirectory> {
  const treaty = await requireTreaty(db, treatySlug);
  const [countries, actions, latestVote] = await Promise.all([
    repo.listCountries(db),
    repo.listTreatyActions(db, treaty.id),
    repo.findLatestPerCountryVote(db, treaty.id),
  ]);
  const votes = new Map(latestVote?.countryVotes.map((v) => [v.country_code, v.vote]));
  const actionsByCountry = new Map<string, typeof actions>();
  for (const a of actions) actionsByCountry.set(a.country_code, [...(actionsByCountry.get(a.country_code) ?? []), a]);
  const collator = collatorFor(lng);
  const summaries = countries
    .map((c) => {
      const own = actionsByCountry.get(c.code3) ?? [];
      return {
        code3: c.code3,
        code2: c.code2,
        name: countryName(lng, c.code2, nameOverrides),
        kind: c.kind,
        region: c.region,
        status: deriveStatus(own),
        signedOn: own.find((a) => a.action === "signature")?.acted_on ?? null,
        vote: votes.get(c.code3) ?? null,
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
  return {
    treaty: { slug: treaty.slug, ratificationsForEntryIntoForce: treaty.ratifications_for_entry_into_force },
    recordedVote: latestVote ? { reference: latestVote.reference, votedOn: latestVote.votedOn } : null,
    countries: summaries,
    figures: {
      signatories: summaries.filter((c) => c.status !== "not_signed").length,
      ratifications: summaries.filter((c) => c.status === "ratified").length,
      ratificationsNeeded: treaty.ratifications_for_entry_into_force,
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
 * makers), read by a function the caller passes: the country module knows nothing of letters.
 */
export type CountryLettersReader<L> = (db: Db, code3: string, treatyId: number) => Promise<L>;

export interface CountryProfile<L = unknown> {
  country: CountrySummary & { referenceName: string; subregion: string; unRegionalGroup: string | null };
  actions: TreatyActionFact[];
  statements: { statedOn: string | null; stance: Stance; summary: string; sourceUrl: string }[];
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
  treaty: { openedForSignatureOn: string | null; timeline: { occurredOn: string; event: string; sourceUrl: string }[] };
  /** Letters to this country's decision makers through the platform, as `readLetters` gave them. */
  letters: L;
  /** When any of this country's facts last changed in our database (ISO day), if it has any. */
  lastUpdatedOn: string | null;
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
): Promise<CountryLookup<L>> {
  const parsed = parseCountryCode(rawCode);
  if (!parsed) return { kind: "not_found" };
  const country = await repo.findCountryByCode(db, parsed.alphabet, parsed.code);
  if (!country) return { kind: "not_found" };
  const segment = canonicalCountrySegment(country.code3);
  if (rawCode !== segment) return { kind: "redirect", segment };

  const treaty = await requireTreaty(db, treatySlug);
  const [actions, statements, votes, timeline, letters] = await Promise.all([
    repo.listTreatyActions(db, treaty.id, country.code3),
    repo.listCountryStatements(db, treaty.id, country.code3),
    repo.listCountryVotes(db, treaty.id, country.code3),
    repo.listTimelineEvents(db, treaty.id),
    readLetters(db, country.code3, treaty.id),
  ]);
  const facts: TreatyActionFact[] = actions.map((a) => ({
    action: a.action,
    actedOn: a.acted_on,
    sourceUrl: a.source_url,
    notes: a.notes,
  }));
  return {
    kind: "found",
    profile: {
      country: {
        code3: country.code3,
        code2: country.code2,
        name: countryName(lng, country.code2, nameOverrides),
        kind: country.kind,
        region: country.region,
        subregion: country.subregion,
        unRegionalGroup: country.un_regional_group,
        referenceName: country.reference_name,
        status: deriveStatus(facts),
        signedOn: facts.find((f) => f.action === "signature")?.actedOn ?? null,
        vote: null,
      },
      actions: facts,
      statements: statements.map((s) => ({ statedOn: s.stated_on, stance: s.stance, summary: s.summary, sourceUrl: s.source_url })),
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
      lastUpdatedOn: latestDay([...actions.map((a) => a.updated_at), ...statements.map((s) => s.updated_at), ...votes.flatMap((v) => (v.updated_at ? [v.updated_at] : []))]),
      treaty: {
        openedForSignatureOn: treaty.opened_for_signature_on,
        timeline: timeline.map((e) => ({ occurredOn: e.occurred_on, event: e.event, sourceUrl: e.source_url })),
      },
    },
  };
}
