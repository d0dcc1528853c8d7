/**
 * Where one participant stands on a treaty, from its facts: what is confirmed, and apart from
 * it what is only reported. Pure: the day is passed in.
 */
import { isConfirmedConfidence, isConsentToBeBound, type Confidence, type TreatyFact } from "./treaty-facts";
import {
  earliestFact,
  entryIntoForceForParty,
  screenFacts,
  signaturePhase,
  type ScreenedFacts,
  type TreatyEntryIntoForce,
  type TreatyParameters,
} from "./treaty-rules";

/** Lowest first. `not_joined` replaces `not_signed` once signature has closed: only accession remains. */
export const PARTICIPANT_STATUSES = ["not_signed", "not_joined", "signed", "domestic_approval_reported", "party", "in_force"] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export interface ParticipantStanding<F extends TreatyFact = TreatyFact> {
  confirmed: ParticipantStatus;
  /** A further step that only press or single mentions report; null when they add nothing. */
  reported: ParticipantStatus | null;
  /** Entry into force for this participant, from its confirmed deposit, once the treaty's date is known. */
  inForceOn: string | null;
  flagged: ScreenedFacts<F>["flagged"];
}

export function participantStanding<F extends TreatyFact>(
  treaty: TreatyParameters,
  facts: readonly F[],
  treatyEntry: TreatyEntryIntoForce,
  today: string,
): ParticipantStanding<F> {
  const { standing, flagged } = screenFacts(treaty, facts, today);
  const status = (trust: (c: Confidence) => boolean) => statusFrom(treaty, standing, treatyEntry, today, trust);
  const confirmed = status(isConfirmedConfidence);
  const anySource = status(() => true);
  const deposit = earliestFact(standing, isConsentToBeBound, isConfirmedConfidence);
  return {
    confirmed,
    reported: rank(anySource) > rank(confirmed) ? anySource : null,
    inForceOn: entryIntoForceForParty(treaty, deposit?.date ?? null, treatyEntry),
    flagged,
  };
}

function statusFrom(
  treaty: TreatyParameters,
  facts: readonly TreatyFact[],
  treatyEntry: TreatyEntryIntoForce,
  today: string,
  trust: (confidence: Confidence) => boolean,
): ParticipantStatus {
  const has = (isKind: (kind: TreatyFact["kind"]) => boolean) => earliestFact(facts, isKind, trust);
  const deposit = has(isConsentToBeBound);
  if (deposit) {
    const inForceOn = entryIntoForceForParty(treaty, deposit.date, treatyEntry);
    return inForceOn !== null && inForceOn <= today ? "in_force" : "party";
  }
  if (has((kind) => kind === "domestic_step")) return "domestic_approval_reported";
  if (has((kind) => kind === "signature")) return "signed";
  return signaturePhase(treaty, today) === "closed" ? "not_joined" : "not_signed";
}

function rank(status: ParticipantStatus): number {
  return PARTICIPANT_STATUSES.indexOf(status);
}

/**
 * What we can say of a step not (yet) taken: never "has not signed" as a fact, only that our
 * sources show none as of the last depositary check (null: not checked yet).
 */
export type AbsenceStatement =
  | { kind: "no_signature_found"; asOf: string | null }
  | { kind: "not_joined_accession_possible"; asOf: string | null }
  | { kind: "no_deposit_found"; asOf: string | null };

export function absenceStatement(confirmed: ParticipantStatus, lastDepositaryCheckOn: string | null): AbsenceStatement | null {
  switch (confirmed) {
    case "not_signed":
      return { kind: "no_signature_found", asOf: lastDepositaryCheckOn };
    case "not_joined":
      return { kind: "not_joined_accession_possible", asOf: lastDepositaryCheckOn };
    case "signed":
    case "domestic_approval_reported":
      return { kind: "no_deposit_found", asOf: lastDepositaryCheckOn };
    case "party":
    case "in_force":
      return null;
  }
}
