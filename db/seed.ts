import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database, FactConfidence, LeadKind, ParticipantKindColumn, Stance, TreatyActionsTable, TreatyFactAction, VoteChoice } from "./schema";
import { buildCountryRows } from "./seeds/countries";
import { emptyToNull, readSeedCsv, urlOf } from "./seeds/read-csv";
import { upsertChanged, type UpsertCount } from "./seeds/upsert";
import { ONCE_PER_PARTICIPANT, ONCE_PER_PARTICIPANT_ACTIONS, sourceConfidence } from "./treaty-actions";

export type SeedReport = Record<string, UpsertCount>;

const STANCES: readonly Stance[] = ["supports", "opposes", "mixed", "unknown"];
const VOTES: readonly VoteChoice[] = ["yes", "no", "abstain", "absent"];
const PARTICIPANT_KINDS: readonly ParticipantKindColumn[] = ["state", "regional_organization"];
/** `events-2026.csv`'s kinds, and the fact each becomes; totals and process events are not facts. */
const EVENT_FACT_KINDS: Record<string, TreatyFactAction> = {
  signature: "signature",
  ratification: "ratification",
  acceptance: "acceptance",
  approval: "approval",
  accession: "accession",
  domestic_approval: "domestic_step",
  declaration_or_reservation: "declaration_or_reservation",
  statement: "statement",
};
const EVENT_CONFIDENCES = ["depositary", "official", "press", "low"] as const;
/** An events row whose notes say so names an official source for a timeline event already on file. */
const ALREADY_ON_TIMELINE = "timeline.csv already has this event";

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
    const events = readEvents();
    report.treaty_actions = await seedSignatures(trx, treatyId);
    report.treaty_facts_2026 = await seedEventFacts(trx, treatyId, events);
    report.treaty_leads = await seedLeads(trx, treatyId, events);
    report.country_statements = await seedStatements(trx, treatyId);
    report.actor_statements = await seedActorStatements(trx, treatyId);
    report.timeline_events = await seedTimeline(trx, treatyId, events);
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
  const [treaty] = readSeedCsv<
    | "slug"
    | "ratifications_for_entry_into_force"
    | "adopted_on"
    | "opened_for_signature_on"
    | "source_url"
    | "signature_closes_on"
    | "days_to_entry_into_force"
    | "days_to_entry_into_force_for_later_party"
    | "counting_participant_kinds"
    | "depositary_checked_on"
  >("convention/treaty.csv");
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
        signature_closes_on: emptyToNull(treaty.signature_closes_on),
        days_to_entry_into_force: numberOrNull(treaty.days_to_entry_into_force),
        days_to_entry_into_force_for_later_party: numberOrNull(treaty.days_to_entry_into_force_for_later_party),
        counting_participant_kinds: treaty.counting_participant_kinds
          ? treaty.counting_participant_kinds.split(/\s+/).map((kind) => oneOf(PARTICIPANT_KINDS, kind, "participant kind"))
          : null,
        depositary_checked_on: emptyToNull(treaty.depositary_checked_on),
      },
    ],
    ["slug"],
    [
      "ratifications_for_entry_into_force",
      "adopted_on",
      "opened_for_signature_on",
      "source_url",
      "signature_closes_on",
      "days_to_entry_into_force",
      "days_to_entry_into_force_for_later_party",
      "counting_participant_kinds",
      // Not depositary_checked_on: once an organizer has checked, a re-seed must not undo it.
    ],
  );
  const { id } = await trx.selectFrom("treaties").select("id").where("slug", "=", treaty.slug).executeTakeFirstOrThrow();
  return id;
}

async function seedSignatures(trx: Transaction<Database>, treatyId: number): Promise<UpsertCount> {
  const rows = readSeedCsv<"iso3" | "signed_on" | "ratified_on" | "source_url" | "notes">("convention/signatures.csv");
  const actions = rows.flatMap((row) => {
    const source_url = urlOf(row.source_url);
    const common = { treaty_id: treatyId, country_code: row.iso3, source_url, notes: row.notes, confidence: sourceConfidence(source_url) };
    const signature = { ...common, action: "signature" as const, acted_on: emptyToNull(row.signed_on) };
    // A ratification is only a fact once its deposit date is sourced.
    return row.ratified_on ? [signature, { ...common, action: "ratification" as const, acted_on: row.ratified_on }] : [signature];
  });
  return upsertChanged(
    trx,
    "treaty_actions",
    actions,
    ["treaty_id", "country_code", "action"],
    ["acted_on", "source_url", "notes", "confidence"],
    ONCE_PER_PARTICIPANT,
  );
}

type EventRow = Record<"country_iso3" | "kind" | "date" | "detail" | "source_url" | "source_title" | "confidence" | "notes", string> & {
  confidence: (typeof EVENT_CONFIDENCES)[number];
};

function readEvents(): EventRow[] {
  return readSeedCsv<keyof EventRow>("convention/events-2026.csv").map((row) => ({
    ...row,
    confidence: oneOf(EVENT_CONFIDENCES, row.confidence, "confidence"),
  }));
}

/**
 * The researchers' notes as the public reads them: a sentence about our own data files ("timeline.csv
 * already has this event") is bookkeeping, not part of the fact.
 */
export function publicNotes(notes: string): string {
  return notes
    .split(/(?<=[.!?])\s+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== "" && !/\b[\w-]+\.csv\b/u.test(sentence))
    .join(" ");
}

/** A fact only when the row is one (not a total or a process event) and its source is more than a mention. */
const isPublicFact = (row: EventRow) => row.confidence !== "low" && row.kind in EVENT_FACT_KINDS;
/** `low` rows, and totals that name no one, are for organizers to verify, never public facts. */
const isLead = (row: EventRow) => row.confidence === "low" || row.kind === "reported_total";

/**
 * The 2026 events that are facts about one participant, with the confidence the data gives
 * them. A signature or an instrument is one per participant, so it may not restate one already
 * loaded from signatures.csv (the two would overwrite each other on every run).
 */
async function seedEventFacts(trx: Transaction<Database>, treatyId: number, events: readonly EventRow[]): Promise<UpsertCount> {
  const facts: Insertable<TreatyActionsTable>[] = events.filter(isPublicFact).map((row) => {
    const action = EVENT_FACT_KINDS[row.kind]!;
    if (!row.country_iso3) throw new Error(`A ${row.kind} in events-2026.csv names no country`);
    const declaration = action === "declaration_or_reservation";
    return {
      treaty_id: treatyId,
      country_code: row.country_iso3,
      action,
      acted_on: emptyToNull(row.date),
      source_url: urlOf(row.source_url),
      notes: declaration ? publicNotes(row.notes) : [row.detail, publicNotes(row.notes)].filter(Boolean).join(" "),
      confidence: row.confidence as Exclude<FactConfidence, "reported">,
      declaration_text: declaration ? row.detail : null,
    };
  });
  const once = facts.filter((f) => (ONCE_PER_PARTICIPANT_ACTIONS as readonly string[]).includes(f.action));
  if (once.length > 0) throw new Error(`events-2026.csv restates a signature or an instrument: ${once.map((f) => `${f.country_code} ${f.action}`).join(", ")}`);
  return upsertChanged(
    trx,
    "treaty_actions",
    facts,
    ["treaty_id", "country_code", "action", "source_url"],
    ["acted_on", "notes", "confidence", "declaration_text"],
  );
}

async function seedLeads(trx: Transaction<Database>, treatyId: number, events: readonly EventRow[]): Promise<UpsertCount> {
  return upsertChanged(
    trx,
    "treaty_leads",
    events.filter(isLead).map((row) => ({
      treaty_id: treatyId,
      country_code: emptyToNull(row.country_iso3),
      kind: (EVENT_FACT_KINDS[row.kind] ?? oneOf<LeadKind>(["process_event", "reported_total"], row.kind, "event kind")) as LeadKind,
      occurred_on: emptyToNull(row.date),
      detail: row.detail,
      source_url: urlOf(row.source_url),
      source_title: row.source_title,
      notes: row.notes,
      confidence: row.confidence === "low" ? ("low" as const) : ("press" as const),
    })),
    ["treaty_id", "country_code", "kind", "source_url", "detail"],
    // Never status or resolution: what an organizer decided stays decided.
    ["occurred_on", "source_title", "notes", "confidence"],
  );
}

type StatementRow = Record<"iso3" | "country_name" | "date" | "stance" | "summary" | "source_url", string>;
const readStatements = (): StatementRow[] => [
  ...readSeedCsv<keyof StatementRow>("convention/statements.csv"),
  ...readSeedCsv<keyof StatementRow>("convention/statements-extra.csv"),
];

const STATEMENT_COMPARED = ["stated_on", "stance", "summary", "confidence"];
/** A statement's confidence follows its source, by the same rule as a treaty fact's. */
const statementValues = (row: StatementRow, treatyId: number) => {
  const source_url = urlOf(row.source_url);
  return {
    treaty_id: treatyId,
    stated_on: emptyToNull(row.date),
    stance: oneOf(STANCES, row.stance, "stance"),
    summary: row.summary,
    source_url,
    confidence: sourceConfidence(source_url),
  };
};

/** Statements by participants (statements.csv and statements-extra.csv). */
async function seedStatements(trx: Transaction<Database>, treatyId: number): Promise<UpsertCount> {
  const rows = readStatements().filter((row) => row.iso3 !== "");
  return upsertChanged(
    trx,
    "country_statements",
    rows.map((row) => ({ ...statementValues(row, treatyId), country_code: row.iso3 })),
    ["treaty_id", "country_code", "source_url"],
    STATEMENT_COMPARED,
  );
}

/** Statements by others (an empty `iso3`: civil society, companies, public bodies). */
async function seedActorStatements(trx: Transaction<Database>, treatyId: number): Promise<UpsertCount> {
  return upsertChanged(
    trx,
    "actor_statements",
    readStatements()
      .filter((row) => row.iso3 === "")
      .map((row) => ({ ...statementValues(row, treatyId), actor_name: row.country_name })),
    ["treaty_id", "actor_name", "source_url"],
    STATEMENT_COMPARED,
  );
}

/**
 * timeline.csv, and the 2026 process events with a better than `low` source: a new event is
 * added; one the timeline already has (its notes say so) lends it its official source.
 */
async function seedTimeline(trx: Transaction<Database>, treatyId: number, events: readonly EventRow[]): Promise<UpsertCount> {
  const rows = readSeedCsv<"date" | "event" | "source_url">("convention/timeline.csv").map((row) => ({ ...row, source_url: urlOf(row.source_url) }));
  for (const process of events.filter((row) => row.kind === "process_event" && row.confidence !== "low")) {
    if (!process.notes.includes(ALREADY_ON_TIMELINE)) {
      rows.push({ date: process.date, event: process.detail, source_url: urlOf(process.source_url) });
      continue;
    }
    const sameDay = rows.filter((row) => row.date === process.date);
    if (sameDay.length !== 1) throw new Error(`events-2026.csv: no single timeline event on ${process.date} to take its source`);
    sameDay[0]!.source_url = urlOf(process.source_url);
  }
  return upsertChanged(
    trx,
    "timeline_events",
    rows.map((row) => ({ treaty_id: treatyId, occurred_on: row.date, event: row.event, source_url: row.source_url })),
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

const numberOrNull = (value: string): number | null => (value === "" ? null : Number(value));

/** True when nothing has been loaded yet (first start). */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("countries").select("code3").limit(1).executeTakeFirst();
  return row === undefined;
}
