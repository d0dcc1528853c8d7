/**
 * The depositary's vocabulary: what can happen to a treaty for one participant, and how sure
 * we are that it did. Pure: no I/O.
 */

/** The instruments by which a participant agrees to be bound (a UN depositary's terms). */
export const CONSENT_KINDS = ["ratification", "acceptance", "approval", "accession", "succession", "formal_confirmation"] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const TREATY_FACT_KINDS = ["signature", ...CONSENT_KINDS, "declaration_or_reservation", "domestic_step", "statement"] as const;
export type TreatyFactKind = (typeof TREATY_FACT_KINDS)[number];

export interface FactKindMeaning {
  /** Makes the participant a party once deposited. */
  consentToBeBound: boolean;
  /** Lodged with the depositary; a domestic step (e.g. a parliament's approval) or a statement never is. */
  deposited: boolean;
}

export const FACT_KIND_MEANING: Record<TreatyFactKind, FactKindMeaning> = {
  signature: { consentToBeBound: false, deposited: true },
  ratification: { consentToBeBound: true, deposited: true },
  acceptance: { consentToBeBound: true, deposited: true },
  approval: { consentToBeBound: true, deposited: true },
  accession: { consentToBeBound: true, deposited: true },
  succession: { consentToBeBound: true, deposited: true },
  formal_confirmation: { consentToBeBound: true, deposited: true },
  declaration_or_reservation: { consentToBeBound: false, deposited: true },
  domestic_step: { consentToBeBound: false, deposited: false },
  statement: { consentToBeBound: false, deposited: false },
};

/** The markers a depositary's participant table puts after a date; a bare date is a ratification. */
export const DEPOSITARY_MARKERS: Record<string, ConsentKind> = {
  "": "ratification",
  A: "acceptance",
  AA: "approval",
  a: "accession",
  d: "succession",
  c: "formal_confirmation",
};

/**
 * `depositary`: in the depositary's own record; `official`: the participant's own publication;
 * `press`: reputable press; `reported`: a single unverified mention.
 */
export const CONFIDENCES = ["depositary", "official", "press", "reported"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export interface TreatyFact {
  kind: TreatyFactKind;
  /** ISO day; null when the source does not confirm the day. */
  date: string | null;
  confidence: Confidence;
}

export function isTreatyFactKind(value: unknown): value is TreatyFactKind {
  return (TREATY_FACT_KINDS as readonly unknown[]).includes(value);
}

export function isConfidence(value: unknown): value is Confidence {
  return (CONFIDENCES as readonly unknown[]).includes(value);
}

export function isConsentToBeBound(kind: TreatyFactKind): kind is ConsentKind {
  return FACT_KIND_MEANING[kind].consentToBeBound;
}

/** A record or the participant's own word confirms; press and single mentions only report. */
export function isConfirmedConfidence(confidence: Confidence): boolean {
  return confidence === "depositary" || confidence === "official";
}

/** Only the depositary's record counts in the headline figures and towards entry into force. */
export function isDepositaryConfidence(confidence: Confidence): boolean {
  return confidence === "depositary";
}
