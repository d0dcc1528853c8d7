import type { Confidence, TreatyFact, TreatyFactKind } from "~/modules/country/treaty-facts";
import { addDays, type ParticipantKind, type TreatyParameters, type TreatyParticipant } from "~/modules/country/treaty-rules";

/** The UN Convention against Cybercrime's row: art. 64 (signature) and art. 65 (entry into force). */
export const convention: TreatyParameters = {
  openedForSignatureOn: "2025-10-25",
  signatureClosesOn: "2026-12-31",
  instrumentsNeeded: 40,
  daysToEntryIntoForce: 90,
  daysToEntryIntoForceForLaterParty: 30,
  countingParticipantKinds: ["state"],
};

export function fact(kind: TreatyFactKind, date: string | null, confidence: Confidence = "depositary"): TreatyFact {
  return { kind, date, confidence };
}

export function participant(kind: ParticipantKind, ...facts: TreatyFact[]): TreatyParticipant {
  return { kind, facts };
}

/** States that signed at the opening and deposited a ratification on consecutive days from `firstOn`. */
export function ratifyingStates(count: number, firstOn: string): TreatyParticipant[] {
  return Array.from({ length: count }, (_, i) =>
    participant("state", fact("signature", "2025-10-25"), fact("ratification", addDays(firstOn, i))),
  );
}
