import type { Kysely, Transaction } from "kysely";
import type { Database, Stance, VoteChoice } from "./schema";
import { buildCountryRows } from "./seeds/countries";
import { emptyToNull, readSeedCsv, urlOf } from "./seeds/read-csv";
import { upsertChanged, type UpsertCount } from "./seeds/upsert";

export type SeedReport = Record<string, UpsertCount>;

const STANCES: readonly Stance[] = ["supports", "opposes", "mixed", "unknown"];
const VOTES: readonly VoteChoice[] = ["yes", "no", "abstain", "absent"];

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`Unknown ${what} in seed data: ${value}`);
  return value as T;
}

/** Loads countries and the convention facts in one transaction; safe to run again. */
export async function seedDatabase(db: Kysely<Database>): Promise<SeedReport> {
  return db.transaction().execute(async (trx) => {
    const report: SeedReport = {};
    report.countries = await seedCountries(trx);
    const treatyId = await seedTreaty(trx, report);
    report.treaty_actions = await seedSignatures(trx, treatyId);
    report.country_statements = await seedStatements(trx, treatyId);
    report.timeline_events = await seedTimeline(trx, treatyId);
    Object.assign(report, await seedVotes(trx, treatyId));
    return report;
  });
}

async function seedCountries(trx: Transaction<Database>): Promise<UpsertCount> {
  const votes = readSeedCsv<"iso3" | "country_name">("convention/unga-votes.csv");
  const memberNames = new Map(votes.map((v) => [v.iso3, v.country_name]));
  return upsertChanged(trx, "countries", buildCountryRows(memberNames), ["code3"], [
    "code2",
    "kind",
    "reference_name",
    "region",
    "subregion",
    "un_regional_group",
  ]);
}

async function seedTreaty(trx: Transaction<Database>, report: SeedReport): Promise<number> {
  const [treaty] = readSeedCsv<"slug" | "ratifications_for_entry_into_force" | "adopted_on" | "opened_for_signature_on" | "source_url">(
    "convention/treaty.csv",
  );
  if (!treaty) throw new Error("convention/treaty.csv has no row");
  report.treaties = await upsertChanged(
    trx,
    "treaties",
    [
      {
        slug: treaty.slug,
        ratifications_for_entry_into_force: Number(treaty.ratifications_for_entry_into_force),
        adopted_on: emptyToNull(treaty.adopted_on),
        opened_for_signature_on: emptyToNull(treaty.opened_for_signature_on),
        source_url: urlOf(treaty.source_url),
      },
    ],
    ["slug"],
    ["ratifications_for_entry_into_force", "adopted_on", "opened_for_signature_on", "source_url"],
  );
  const { id } = await trx.selectFrom("treaties").select("id").where("slug", "=", treaty.slug).executeTakeFirstOrThrow();
  return id;
}

async function seedSignatures(trx: Transaction<Database>, treatyId: number): Promise<UpsertCount> {
  const rows = readSeedCsv<"iso3" | "signed_on" | "ratified_on" | "source_url" | "notes">("convention/signatures.csv");
  const actions = rows.flatMap((row) => {
    const common = { treaty_id: treatyId, country_code: row.iso3, source_url: urlOf(row.source_url), notes: row.notes };
    const signature = { ...common, action: "signature" as const, acted_on: emptyToNull(row.signed_on) };
    // A ratification is only a fact once its deposit date is sourced.
    return row.ratified_on ? [signature, { ...common, action: "ratification" as const, acted_on: row.ratified_on }] : [signature];
  });
  return upsertChanged(trx, "treaty_actions", actions, ["treaty_id", "country_code", "action"], [
    "acted_on",
    "source_url",
    "notes",
  ]);
}

async function seedStatements(trx: Transaction<Database>, treatyId: number): Promise<UpsertCount> {
  const rows = readSeedCsv<"iso3" | "date" | "stance" | "summary" | "source_url">("convention/statements.csv");
  return upsertChanged(
    trx,
    "country_statements",
    rows.map((row) => ({
      treaty_id: treatyId,
      country_code: row.iso3,
      stated_on: emptyToNull(row.date),
      stance: oneOf(STANCES, row.stance, "stance"),
      summary: row.summary,
      source_url: urlOf(row.source_url),
    })),
    ["treaty_id", "country_code", "source_url"],
    ["stated_on", "stance", "summary"],
  );
}

async function seedTimeline(trx: Transaction<Database>, treatyId: number): Promise<UpsertCount> {
  const rows = readSeedCsv<"date" | "event" | "source_url">("convention/timeline.csv");
  return upsertChanged(
    trx,
    "timeline_events",
    rows.map((row) => ({ treaty_id: treatyId, occurred_on: row.date, event: row.event, source_url: urlOf(row.source_url) })),
    ["treaty_id", "occurred_on", "event"],
    ["source_url"],
  );
}

async function seedVotes(trx: Transaction<Database>, treatyId: number): Promise<SeedReport> {
  const committee = readSeedCsv<"amendment_id" | "article" | "description" | "yes" | "no" | "abstain" | "source_url">(
    "convention/votes-2024-08-08.csv",
  );
  const plenary = readSeedCsv<"resolution" | "date" | "iso3" | "vote" | "source">("convention/unga-votes.csv");

  const byResolution = new Map<string, typeof plenary>();
  for (const row of plenary) byResolution.set(row.resolution, [...(byResolution.get(row.resolution) ?? []), row]);
  const tally = (rows: typeof plenary, choice: VoteChoice) => rows.filter((r) => r.vote === choice).length;
  const voteRows = [
    ...committee.map((row) => ({
      treaty_id: treatyId,
      reference: row.amendment_id,
      body: "Ad Hoc Committee",
      voted_on: "2024-08-08",
      description: `${row.description} Article: ${row.article}.`,
      yes_count: Number(row.yes),
      no_count: Number(row.no),
      abstain_count: Number(row.abstain),
      absent_count: null,
      source_url: urlOf(row.source_url),
    })),
    ...[...byResolution].map(([resolution, rows]) => ({
      treaty_id: treatyId,
      reference: resolution,
      body: "General Assembly",
      voted_on: rows[0]!.date,
      description: `Recorded plenary vote; per-country record from the UNGA roll-call dataset ${rows[0]!.source.split(" ").slice(1).join(" ")}.`,
      yes_count: tally(rows, "yes"),
      no_count: tally(rows, "no"),
      abstain_count: tally(rows, "abstain"),
      absent_count: tally(rows, "absent"),
      source_url: urlOf(rows[0]!.source),
    })),
  ];
  const recorded_votes = await upsertChanged(trx, "recorded_votes", voteRows, ["treaty_id", "reference"], [
    "body",
    "voted_on",
    "description",
    "yes_count",
    "no_count",
    "abstain_count",
    "absent_count",
    "source_url",
  ]);

  const ids = new Map(
    (await trx.selectFrom("recorded_votes").select(["id", "reference"]).where("treaty_id", "=", treatyId).execute()).map((v) => [
      v.reference,
      v.id,
    ]),
  );
  const country_votes = await upsertChanged(
    trx,
    "country_votes",
    plenary.map((row) => ({
      recorded_vote_id: ids.get(row.resolution)!,
      country_code: row.iso3,
      vote: oneOf(VOTES, row.vote, "vote"),
      source_url: urlOf(row.source),
    })),
    ["recorded_vote_id", "country_code"],
    ["vote", "source_url"],
  );
  return { recorded_votes, country_votes };
}

/** True when nothing has been loaded yet (first start). */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("countries").select("code3").limit(1).executeTakeFirst();
  return row === undefined;
}
