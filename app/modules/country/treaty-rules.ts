/**
 * A treaty's own rules as data: when signature is open, which facts stand, and when it enters
 * into force. Pure: the day is passed in, so the next treaty is a row, not code.
 */
import { isConsentToBeBound, isDepositaryConfidence, type Confidence, type TreatyFact, type TreatyFactKind } from "./treaty-facts";

/** Regional economic integration organizations (e.g. the EU) are the other kind of participant. */
export const PARTICIPANT_KINDS = ["state", "regional_organization"] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export interface TreatyParameters {
  openedForSignatureOn: string;
  /** The last day on which a signature is valid; after it a participant joins only by accession. */
  signatureClosesOn: string;
  instrumentsNeeded: number;
  /** Days from the deposit of the last instrument needed to the treaty's entry into force. */
  daysToEntryIntoForce: number;
  /** Days from a later party's own deposit to entry into force for it. */
  daysToEntryIntoForceForLaterParty: number;
  /** Whose instruments count towards the threshold. */
  countingParticipantKinds: readonly ParticipantKind[];
}

export interface TreatyParticipant<F extends TreatyFact = TreatyFact> {
  kind: ParticipantKind;
  facts: readonly F[];
}

export type SignaturePhase = "not_yet_open" | "open" | "closed";

export function signaturePhase(treaty: TreatyParameters, today: string): SignaturePhase {
  if (today < treaty.openedForSignatureOn) return "not_yet_open";
  return today > treaty.signatureClosesOn ? "closed" : "open";
}

export type FactProblem = "dated_after_today" | "signature_before_opening" | "signature_after_closing";

/** A fact that does not stand is kept aside with its reason, never silently dropped. */
export interface ScreenedFacts<F extends TreatyFact> {
  standing: F[];
  flagged: { fact: F; problem: FactProblem }[];
}

export function screenFacts<F extends TreatyFact>(treaty: TreatyParameters, facts: readonly F[], today: string): ScreenedFacts<F> {
  const screened: ScreenedFacts<F> = { standing: [], flagged: [] };
  for (const fact of facts) {
    const problem = factProblem(treaty, fact, today);
    if (problem) screened.flagged.push({ fact, problem });
    else screened.standing.push(fact);
  }
  return screened;
}

function factProblem(treaty: TreatyParameters, fact: TreatyFact, today: string): FactProblem | null {
  if (fact.date === null) return null;
  if (fact.date > today) return "dated_after_today";
  if (fact.kind !== "signature") return null;
  if (fact.date < treaty.openedForSignatureOn) return "signature_before_opening";
  return fact.date > treaty.signatureClosesOn ? "signature_after_closing" : null;
}

/** The earliest fact of a kind the predicate accepts at a confidence `trust` accepts; undated ones last. */
export function earliestFact<F extends TreatyFact>(
  facts: readonly F[],
  isKind: (kind: TreatyFactKind) => boolean,
  trust: (confidence: Confidence) => boolean,
): F | null {
  const found = facts.filter((f) => isKind(f.kind) && trust(f.confidence));
  return found.sort((a, b) => compareDays(a.date, b.date))[0] ?? null;
}

/** Only the depositary's record of an instrument counts towards the threshold. */
function countedDeposits(treaty: TreatyParameters, participants: readonly TreatyParticipant[], today: string): TreatyFact[] {
  return participants
    .filter((p) => treaty.countingParticipantKinds.includes(p.kind))
    .map((p) => earliestFact(screenFacts(treaty, p.facts, today).standing, isConsentToBeBound, isDepositaryConfidence))
    .filter((deposit): deposit is TreatyFact => deposit !== null);
}

export type TreatyEntryIntoForce =
  | { reached: false }
  /** Dates are null while a counted deposit's day is unknown: the last one needed cannot be told. */
  | { reached: true; lastNeededDepositOn: string | null; on: string | null };

/**
 * UN Convention against Cybercrime art. 65(1) (as quoted in the UN Treaty Collection record):
 * in force "on the ninetieth day after the date of deposit of the fortieth instrument"; an
 * organization's instrument is not counted in addition to its member States'.
 */
export function treatyEntryIntoForce(treaty: TreatyParameters, participants: readonly TreatyParticipant[], today: string): TreatyEntryIntoForce {
  const deposits = countedDeposits(treaty, participants, today);
  if (deposits.length < treaty.instrumentsNeeded) return { reached: false };
  if (deposits.some((d) => d.date === null)) return { reached: true, lastNeededDepositOn: null, on: null };
  const lastNeeded = deposits.map((d) => d.date!).sort()[treaty.instrumentsNeeded - 1]!;
  return { reached: true, lastNeededDepositOn: lastNeeded, on: addDays(lastNeeded, treaty.daysToEntryIntoForce) };
}

/**
 * Art. 65(2): for a participant depositing after the last instrument needed, the thirtieth day
 * after its own deposit or the treaty's entry into force, whichever is later; for one that
 * deposited before (or the same day), the treaty's own date.
 */
export function entryIntoForceForParty(treaty: TreatyParameters, depositedOn: string | null, treatyEntry: TreatyEntryIntoForce): string | null {
  if (!treatyEntry.reached || treatyEntry.on === null || treatyEntry.lastNeededDepositOn === null || depositedOn === null) return null;
  if (depositedOn <= treatyEntry.lastNeededDepositOn) return treatyEntry.on;
  const own = addDays(depositedOn, treaty.daysToEntryIntoForceForLaterParty);
  return own > treatyEntry.on ? own : treatyEntry.on;
}

function compareDays(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Calendar days on ISO days, in UTC so no clock change shifts a date. */
export function addDays(isoDay: string, days: number): string {
  const at = new Date(`${isoDay}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
