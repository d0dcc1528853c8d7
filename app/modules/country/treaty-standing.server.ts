/**
 * Where every participant stands, read from the database and judged by the pure rules
 * (treaty-status, treaty-count). The one place that turns stored facts into statuses: pages,
 * the API and anything reacting to a status change all read it here. The day is passed in.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database, FactConfidence, ParticipantKindColumn, TreatyFactAction, TreatiesTable } from "../../../db/schema";
import type { Selectable } from "kysely";
import { treatyHeadline, type TreatyHeadline } from "./treaty-count";
import type { TreatyFact } from "./treaty-facts";
import { treatyEntryIntoForce, type TreatyEntryIntoForce, type TreatyParameters, type TreatyParticipant } from "./treaty-rules";
import { participantStanding, type ParticipantStanding } from "./treaty-status";

type Db = Kysely<Database> | Transaction<Database>;

/** A stored fact as the rules read it, with what the pages need to cite it. */
export interface StoredTreatyFact extends TreatyFact {
  id: number;
  sourceUrl: string;
  notes: string;
  declarationText: string | null;
  declarationUrl: string | null;
  updatedAt: Date;
}

export interface TreatyOnRecord {
  id: number;
  slug: string;
  parameters: TreatyParameters;
  /** The day our facts were last compared with the depositary's record; null: not yet. */
  depositaryCheckedOn: string | null;
}

/** The treaty's own rules from its row; a row without them is a seed that was never run. */
export function treatyOnRecord(row: Selectable<TreatiesTable>): TreatyOnRecord {
  const { opened_for_signature_on, signature_closes_on, days_to_entry_into_force, days_to_entry_into_force_for_later_party, counting_participant_kinds } = row;
  if (
    opened_for_signature_on === null ||
    signature_closes_on === null ||
    days_to_entry_into_force === null ||
    days_to_entry_into_force_for_later_party === null ||
    counting_participant_kinds === null
  ) {
    throw new Error(`Treaty ${row.slug} has no signature window or entry-into-force rules: run npm run db:seed`);
  }
  return {
    id: row.id,
    slug: row.slug,
    depositaryCheckedOn: row.depositary_checked_on,
    parameters: {
      openedForSignatureOn: opened_for_signature_on,
      signatureClosesOn: signature_closes_on,
      instrumentsNeeded: row.ratifications_for_entry_into_force,
      daysToEntryIntoForce: days_to_entry_into_force,
      daysToEntryIntoForceForLaterParty: days_to_entry_into_force_for_later_party,
      countingParticipantKinds: counting_participant_kinds,
    },
  };
}

export async function findTreatyOnRecord(db: Db, treatySlug: string): Promise<TreatyOnRecord> {
  const row = await db.selectFrom("treaties").selectAll().where("slug", "=", treatySlug).executeTakeFirst();
  if (!row) throw new Error(`Treaty ${treatySlug} is not in the database: run npm run db:seed`);
  return treatyOnRecord(row);
}

/** Every participant with its facts (none for most), of every country or one. */
export async function listParticipants(db: Db, treatyId: number, code3?: string): Promise<Map<string, TreatyParticipant<StoredTreatyFact>>> {
  let countries = db.selectFrom("countries").select(["code3", "participant_kind"]);
  let facts = db
    .selectFrom("treaty_actions")
    .select(["id", "country_code", "action", "acted_on", "confidence", "source_url", "notes", "declaration_text", "declaration_url", "updated_at"])
    .where("treaty_id", "=", treatyId)
    .orderBy("acted_on")
    .orderBy("id");
  if (code3) {
    countries = countries.where("code3", "=", code3);
    facts = facts.where("country_code", "=", code3);
  }
  const [countryRows, factRows] = await Promise.all([countries.execute(), facts.execute()]);
  const participants = new Map<string, { kind: ParticipantKindColumn; facts: StoredTreatyFact[] }>();
  for (const c of countryRows) participants.set(c.code3, { kind: c.participant_kind, facts: [] });
  for (const f of factRows) {
    participants.get(f.country_code)?.facts.push(storedFact(f));
  }
  return participants;
}

function storedFact(row: {
  id: number;
  action: TreatyFactAction;
  acted_on: string | null;
  confidence: FactConfidence;
  source_url: string;
  notes: string;
  declaration_text: string | null;
  declaration_url: string | null;
  updated_at: Date;
}): StoredTreatyFact {
  return {
    id: row.id,
    kind: row.action,
    date: row.acted_on,
    confidence: row.confidence,
    sourceUrl: row.source_url,
    notes: row.notes,
    declarationText: row.declaration_text,
    declarationUrl: row.declaration_url,
    updatedAt: row.updated_at,
  };
}

export interface TreatyStandings {
  treaty: TreatyOnRecord;
  headline: TreatyHeadline;
  entryIntoForce: TreatyEntryIntoForce;
  participants: Map<string, TreatyParticipant<StoredTreatyFact>>;
  /** Every participant's standing, by alpha-3 code. */
  standings: Map<string, ParticipantStanding<StoredTreatyFact>>;
}

/** Where every participant stands on `today`, and the headline figures. */
export async function loadTreatyStandings(db: Db, treatySlug: string, today: string): Promise<TreatyStandings> {
  const treaty = await findTreatyOnRecord(db, treatySlug);
  const participants = await listParticipants(db, treaty.id);
  const all = [...participants.values()];
  const entryIntoForce = treatyEntryIntoForce(treaty.parameters, all, today);
  const standings = new Map<string, ParticipantStanding<StoredTreatyFact>>();
  for (const [code3, participant] of participants) {
    standings.set(code3, participantStanding(treaty.parameters, participant.facts, entryIntoForce, today));
  }
  const headline = treatyHeadline(treaty.parameters, all, { today, lastDepositaryCheckOn: treaty.depositaryCheckedOn });
  return { treaty, headline, entryIntoForce, participants, standings };
}

/**
 * One participant's standing on `today`. The treaty's entry into force depends on every
 * participant, so it is computed from all of them; the facts returned are this one's.
 */
export async function loadParticipantStanding(
  db: Db,
  treatySlug: string,
  code3: string,
  today: string,
): Promise<{ treaty: TreatyOnRecord; participant: TreatyParticipant<StoredTreatyFact>; standing: ParticipantStanding<StoredTreatyFact> } | null> {
  const { treaty, participants, standings } = await loadTreatyStandings(db, treatySlug, today);
  const participant = participants.get(code3);
  const standing = standings.get(code3);
  return participant && standing ? { treaty, participant, standing } : null;
}

/** Today as the rules read it: the UTC calendar day. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
