/**
 * The treaty's headline figures: what the depositary confirmed, and beside it how many more are
 * only reported. Pure: the day and the last depositary check are passed in.
 */
import { isConsentToBeBound, isDepositaryConfidence, type TreatyFact, type TreatyFactKind } from "./treaty-facts";
import {
  earliestFact,
  screenFacts,
  treatyEntryIntoForce,
  type TreatyEntryIntoForce,
  type TreatyParameters,
  type TreatyParticipant,
} from "./treaty-rules";

export interface ConfirmedAndReported {
  /** In the depositary's record. */
  confirmed: number;
  /** Participants with such a fact from any other source only. */
  moreReported: number;
}

export interface TreatyHeadline {
  /**
   * The last depositary check: the date every figure and every "none found" is stated as of;
   * null while no one has compared our facts with the depositary's record.
   */
  asOf: string | null;
  signatories: ConfirmedAndReported;
  /** Instruments towards the threshold: participants whose instruments do not count are left out. */
  instruments: ConfirmedAndReported & { needed: number };
  /** Deposited by the depositary's record, but not counted towards the threshold (e.g. the EU's). */
  instrumentsNotCounted: number;
  entryIntoForce: TreatyEntryIntoForce;
}

export function treatyHeadline(
  treaty: TreatyParameters,
  participants: readonly TreatyParticipant[],
  clock: { today: string; lastDepositaryCheckOn: string | null },
): TreatyHeadline {
  const { today } = clock;
  const standing = participants.map((p) => ({ kind: p.kind, facts: screenFacts(treaty, p.facts, today).standing }));
  const counting = standing.filter((p) => treaty.countingParticipantKinds.includes(p.kind));
  const notCounting = standing.filter((p) => !treaty.countingParticipantKinds.includes(p.kind));
  return {
    asOf: clock.lastDepositaryCheckOn,
    signatories: tally(standing, (kind) => kind === "signature"),
    instruments: { ...tally(counting, isConsentToBeBound), needed: treaty.instrumentsNeeded },
    instrumentsNotCounted: tally(notCounting, isConsentToBeBound).confirmed,
    entryIntoForce: treatyEntryIntoForce(treaty, participants, today),
  };
}

function tally(participants: readonly { facts: readonly TreatyFact[] }[], isKind: (kind: TreatyFactKind) => boolean): ConfirmedAndReported {
  let confirmed = 0;
  let moreReported = 0;
  for (const { facts } of participants) {
    if (earliestFact(facts, isKind, isDepositaryConfidence)) confirmed += 1;
    else if (earliestFact(facts, isKind, () => true)) moreReported += 1;
  }
  return { confirmed, moreReported };
}
