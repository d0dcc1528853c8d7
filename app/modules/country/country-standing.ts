/**
 * What the public pages and the API say of one participant's standing: the confirmed status,
 * the step only reported beside it (with how sure the report is), what is not found, and the
 * old three-word status the API kept. Pure: the standing and its facts in, statements out.
 */
import { isConfirmedConfidence, isConsentToBeBound, CONFIDENCES, type Confidence, type TreatyFact, type TreatyFactKind } from "./treaty-facts";
import type { SignaturePhase } from "./treaty-rules";
import { absenceStatement, PARTICIPANT_STATUSES, type AbsenceStatement, type ParticipantStanding, type ParticipantStatus } from "./treaty-status";

/** The API's first vocabulary, kept for its clients: not_signed, signed, ratified. */
export type LegacyStatus = "not_signed" | "signed" | "ratified";

/**
 * The old status read from the confirmed one: a party (by any instrument) or a participant for
 * which the convention is in force was "ratified"; a signature or a domestic approval is still
 * "signed"; no signature (before or after signature closed) is "not_signed".
 */
export function legacyStatus(status: ParticipantStatus): LegacyStatus {
  switch (status) {
    case "not_signed":
    case "not_joined":
      return "not_signed";
    case "signed":
    case "domestic_approval_reported":
      return "signed";
    case "party":
    case "in_force":
      return "ratified";
  }
}

/** Shared links from before the statuses grew keep working: `?status=ratified` means a party. */
const STATUS_ALIASES: Record<string, ParticipantStatus> = { ratified: "party" };

export function parseStatusParam(value: string | null): ParticipantStatus | null {
  if (value === null) return null;
  if ((PARTICIPANT_STATUSES as readonly string[]).includes(value)) return value as ParticipantStatus;
  return STATUS_ALIASES[value] ?? null;
}

/** The kinds of fact that make a participant reach a status. */
function isStepOf(status: ParticipantStatus): (kind: TreatyFactKind) => boolean {
  switch (status) {
    case "signed":
      return (kind) => kind === "signature";
    case "domestic_approval_reported":
      return (kind) => kind === "domestic_step";
    case "party":
    case "in_force":
      return isConsentToBeBound;
    case "not_signed":
    case "not_joined":
      return () => false;
  }
}

/** The surest confidence among facts: depositary first. */
export function surestConfidence(facts: readonly Pick<TreatyFact, "confidence">[]): Confidence | null {
  const ranks = facts.map((f) => CONFIDENCES.indexOf(f.confidence));
  return ranks.length === 0 ? null : CONFIDENCES[Math.min(...ranks)]!;
}

export interface ShownStanding {
  status: ParticipantStatus;
  /** A further step only the press or a single mention reports, with the surest such report. */
  reported: { status: ParticipantStatus; confidence: Confidence } | null;
  inForceOn: string | null;
  /** What we can say of the step not taken, as of the last depositary check; null for a party. */
  absence: AbsenceStatement | null;
}

export function shownStanding<F extends TreatyFact>(standing: ParticipantStanding<F>, standingFacts: readonly F[], depositaryCheckedOn: string | null): ShownStanding {
  let reported: ShownStanding["reported"] = null;
  if (standing.reported) {
    const isStep = isStepOf(standing.reported);
    const reports = standingFacts.filter((f) => isStep(f.kind) && !isConfirmedConfidence(f.confidence));
    reported = { status: standing.reported, confidence: surestConfidence(reports) ?? "reported" };
  }
  return { status: standing.confirmed, reported, inForceOn: standing.inForceOn, absence: absenceStatement(standing.confirmed, depositaryCheckedOn) };
}

/** The signature to show: the earliest confirmed one, else the earliest reported one. */
export function shownSignature<F extends TreatyFact>(facts: readonly F[]): F | null {
  const signatures = facts.filter((f) => f.kind === "signature");
  const byDay = (a: F, b: F) => (a.date ?? "9999") < (b.date ?? "9999") ? -1 : (a.date ?? "9999") > (b.date ?? "9999") ? 1 : 0;
  return [...signatures.filter((f) => isConfirmedConfidence(f.confidence))].sort(byDay)[0] ?? [...signatures].sort(byDay)[0] ?? null;
}

/** The statuses a participant can have in a signature phase: before it closes none has "not joined", after it none is "not signed". */
export function statusesInPhase(phase: SignaturePhase): ParticipantStatus[] {
  const absent: ParticipantStatus = phase === "closed" ? "not_joined" : "not_signed";
  return [absent, "signed", "domestic_approval_reported", "party", "in_force"];
}

/** One sentence of a country's standing: a key of the `countries` texts and the day it names. */
export interface StandingSentence {
  key: string;
  date: string | null;
}

/**
 * What the country page says, in order: the confirmed status, what is not found (as of the last
 * depositary check, or plainly unchecked), and for a participant without a signature the phase
 * of signature, which changes by itself when signature closes.
 */
export function standingSentences(
  standing: ShownStanding,
  context: { signedOn: string | null; phase: SignaturePhase; signatureClosesOn: string; openedForSignatureOn: string; today: string },
): StandingSentence[] {
  const sentences: StandingSentence[] = [];
  switch (standing.status) {
    case "signed":
      sentences.push(context.signedOn ? { key: "headline.signedOn", date: context.signedOn } : { key: "headline.signed", date: null });
      break;
    case "domestic_approval_reported":
      sentences.push({ key: "headline.domestic_approval_reported", date: null });
      break;
    case "party":
      sentences.push({ key: "headline.party", date: null });
      if (standing.inForceOn && standing.inForceOn > context.today) sentences.push({ key: "headline.entersIntoForceOn", date: standing.inForceOn });
      break;
    case "in_force":
      sentences.push({ key: "headline.in_force", date: standing.inForceOn });
      break;
    case "not_signed":
    case "not_joined":
      break;
  }
  if (standing.absence) {
    const { kind, asOf } = standing.absence;
    // Where a report names the very step not found, say "not confirmed", never "not found".
    const reported = standing.reported !== null && (kind !== "no_deposit_found" || standing.reported.status === "party" || standing.reported.status === "in_force");
    const form = reported ? (asOf ? "reportedAsOf" : "reportedUnchecked") : asOf ? "asOf" : "unchecked";
    sentences.push({ key: `absence.${kind}.${form}`, date: asOf });
  }
  if (standing.status === "not_signed" || standing.status === "not_joined") {
    const date = context.phase === "not_yet_open" ? context.openedForSignatureOn : context.signatureClosesOn;
    sentences.push({ key: `phase.${context.phase}`, date });
  }
  return sentences;
}
