import type { DepositaryParticipant } from "./depositary-table";
import type { Confidence, ConsentKind } from "./treaty-facts";

/**
 * What an import of the depositary's table would change: pure, from the
 * parsed participants and the facts the database holds. Applying the changes
 * and importing the same table again yields no change.
 */

export type DepositaryFactKind = "signature" | ConsentKind;

/** A fact the database holds, as the diff needs it: one per country and kind is expected. */
export interface HeldDepositaryFact {
  code3: string;
  kind: DepositaryFactKind;
  /** Null when the day was not recorded. */
  date: string | null;
  /** How sure the fact is; when not given it is taken as the depositary's own. */
  confidence?: Confidence;
  /** The row's id, for the caller to name a fact to remove. */
  id?: number;
}

export interface TableFact {
  code3: string;
  /** The participant's name in the table and its row, to show beside the change. */
  name: string;
  line: number;
  kind: DepositaryFactKind;
  date: string;
  footnotes: string[];
}

export interface DepositaryDiff {
  /** In the table, not in the database. */
  newFacts: TableFact[];
  /** In both, on another day (or the database's without one): `from` is the database's, `held` the fact on record. */
  changedDates: (TableFact & { from: string | null; held: HeldDepositaryFact })[];
  /** In both on the same day, held at a lower confidence than the depositary's: the table confirms them. */
  confidenceUpgrades: (TableFact & { from: Confidence; held: HeldDepositaryFact })[];
  /** Participants matched to no country we track, with their row: never dropped. */
  unmatched: { line: number; name: string; code3: string | null }[];
  /** In the database, no longer in the table (in the order given). */
  noLongerInTable: HeldDepositaryFact[];
  /** How many of the table's facts the database already holds as they are. */
  unchanged: number;
}

function tableFacts(participant: DepositaryParticipant & { code3: string }): TableFact[] {
  const { code3, name, line, signature, consent } = participant;
  const facts: TableFact[] = [];
  if (signature) facts.push({ code3, name, line, kind: "signature", ...signature });
  if (consent) facts.push({ code3, name, line, ...consent });
  return facts;
}

const keyOf = (fact: { code3: string; kind: DepositaryFactKind }) => `${fact.code3} ${fact.kind}`;

/**
 * The changes, by country and kind of fact. `knownCountries` (alpha-3), when
 * given, are the countries the database tracks: a participant matched to
 * another code is listed as unmatched, with its code.
 */
export function diffDepositaryTable(
  participants: readonly DepositaryParticipant[],
  held: readonly HeldDepositaryFact[],
  knownCountries?: ReadonlySet<string>,
): DepositaryDiff {
  const diff: DepositaryDiff = { newFacts: [], changedDates: [], confidenceUpgrades: [], unmatched: [], noLongerInTable: [], unchanged: 0 };
  const heldByKey = new Map<string, HeldDepositaryFact[]>();
  for (const fact of held) heldByKey.set(keyOf(fact), [...(heldByKey.get(keyOf(fact)) ?? []), fact]);
  const kept = new Set<HeldDepositaryFact>();

  for (const participant of participants) {
    const { code3 } = participant;
    if (code3 === null || (knownCountries && !knownCountries.has(code3))) {
      diff.unmatched.push({ line: participant.line, name: participant.name, code3 });
      continue;
    }
    for (const fact of tableFacts({ ...participant, code3 })) {
      const same = heldByKey.get(keyOf(fact)) ?? [];
      const exact = same.find((h) => h.date === fact.date);
      if (exact && (exact.confidence ?? "depositary") !== "depositary") diff.confidenceUpgrades.push({ ...fact, from: exact.confidence!, held: exact });
      else if (exact) diff.unchanged += 1;
      else if (same[0]) diff.changedDates.push({ ...fact, from: same[0].date, held: same[0] });
      else diff.newFacts.push(fact);
      const keep = exact ?? same[0];
      if (keep) kept.add(keep);
    }
  }
  diff.noLongerInTable = held.filter((fact) => !kept.has(fact));
  return diff;
}

/** True when applying the diff would change no fact (unmatched names are still to be shown). */
export function diffChangesNothing(diff: DepositaryDiff): boolean {
  return diff.newFacts.length === 0 && diff.changedDates.length === 0 && diff.confidenceUpgrades.length === 0 && diff.noLongerInTable.length === 0;
}

/**
 * The table's facts to write with the depositary's confidence: new ones, those on another
 * day, and those it confirms. Facts no longer in the table are not among them: removing one
 * is the organizer's choice, fact by fact.
 */
export function factsToWrite(diff: DepositaryDiff): TableFact[] {
  return [...diff.newFacts, ...diff.changedDates, ...diff.confidenceUpgrades].map(({ code3, name, line, kind, date, footnotes }) => ({ code3, name, line, kind, date, footnotes }));
}
