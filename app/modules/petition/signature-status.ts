/**
 * A signature's whole life, as pure rules: how it is born (suspect or pending), confirmed,
 * signed again, withdrawn, released or rejected by moderation, and whether it counts.
 */
import type { SignatureStatus, SuspectReason, TrendingSource } from "../../../db/schema";

/** Only confirmed signatures count; everything else is waiting, set aside or gone. */
export function counts(status: SignatureStatus): boolean {
  return status === "confirmed";
}

export function canConfirm(status: SignatureStatus): boolean {
  return status === "pending";
}

/** The signer may take their name off at any time, whatever state it is in. */
export function canWithdraw(status: SignatureStatus): boolean {
  return status === "pending" || status === "confirmed" || status === "held" || status === "suspect";
}

export interface SuspicionSignals {
  honeypotFilled: boolean;
  /** Time between the form being served and submitted. */
  fillMs: number;
  minFillMs: number;
}

/**
 * Why a submission looks automated, or null. A suspect signature is stored but
 * never counted or mailed; the person sees the normal flow and organizers review it.
 * Only these two stay silent: a busy client address or email domain is not a bot's
 * sign (a university forwarding a petition), so such signatures are mailed and
 * marked `trending` instead (`rate_limited` is only on rows from before).
 */
export function suspicionOf(signals: SuspicionSignals): SuspectReason | null {
  if (signals.honeypotFilled) return "honeypot";
  if (signals.fillMs < signals.minFillMs) return "too_fast";
  return null;
}

export interface ExistingSignature {
  status: SignatureStatus;
  confirmationSentAt: Date | null;
  confirmationMails: number;
}

export interface ResendPolicy {
  /** Least time between two confirmation mails for one signature. */
  minIntervalMs: number;
  /** Most confirmation mails one signature may ever get. */
  maxMails: number;
}

export type RepeatOutcome =
  | { kind: "resend_confirmation" }
  | { kind: "notify_already_signed" }
  | { kind: "sign_again" }
  | { kind: "nothing" };

/**
 * Someone signs with an address that already has a signature here. The page
 * they see is the same in every case (it must not tell whether the address
 * signed); only the mail differs, and it is rate-limited.
 */
export function repeatSigningOutcome(existing: ExistingSignature, now: Date, policy: ResendPolicy): RepeatOutcome {
  const mayMail =
    existing.confirmationMails < policy.maxMails &&
    (existing.confirmationSentAt === null || now.getTime() - existing.confirmationSentAt.getTime() >= policy.minIntervalMs);
  switch (existing.status) {
    case "withdrawn":
      return { kind: "sign_again" };
    case "pending":
      return mayMail ? { kind: "resend_confirmation" } : { kind: "nothing" };
    case "confirmed":
    case "held":
      return mayMail ? { kind: "notify_already_signed" } : { kind: "nothing" };
    case "suspect":
    case "rejected":
      return { kind: "nothing" };
  }
}

/** What a confirmed trending signature does: held for review, or counted. */
export type TrendingRule = "hold" | "count";

export interface TrendingSituation {
  /** Which source made the signature trend when it was signed (null: none did). */
  trending: TrendingSource | null;
  /** The signature's email domain is on the allow-list now. */
  domainTrusted: boolean;
  /** The organizers' latest decision on that source for this petition (null: none yet). */
  decision: TrendingRule | null;
  /** What applies while organizers have not decided (`TRENDING_RULE`). */
  defaultRule: TrendingRule;
}

/**
 * What a signature becomes when its signer confirms it. Only a trending one
 * can be held: an allow-listed domain is trusted whatever made it trend, then
 * the organizers' decision on the source, then the default rule. A held
 * signature keeps its confirmation; organizers release it (it counts) or
 * reject it, one by one or by deciding `count` for its source.
 */
export function statusOnConfirmation(s: TrendingSituation): "confirmed" | "held" {
  if (s.trending === null || s.domainTrusted) return "confirmed";
  return (s.decision ?? s.defaultRule) === "hold" ? "held" : "confirmed";
}

/** An organizer's decision on a signature under moderation. */
export type ModerationDecision = "release" | "reject";

export interface ModerationEffect {
  next: SignatureStatus;
  /** +1 when a held signature is released and counts, −1 when a counted signature stops counting. */
  countDelta: 0 | 1 | -1;
  /** A released suspect still has to be confirmed by its signer, like any signature. */
  sendConfirmation: boolean;
}

/**
 * What an organizer's decision does to one signature. Releasing a suspect
 * does not count it: it becomes pending and its signer gets the confirmation
 * mail they never had. Releasing a held signature counts it: its signer had
 * confirmed already. Rejecting stops a signature counting, for good.
 */
export function moderationEffect(status: SignatureStatus, decision: ModerationDecision): ModerationEffect | null {
  if (decision === "release") {
    if (status === "suspect") return { next: "pending", countDelta: 0, sendConfirmation: true };
    if (status === "held") return { next: "confirmed", countDelta: 1, sendConfirmation: false };
    return null;
  }
  switch (status) {
    case "suspect":
    case "pending":
    case "held":
      return { next: "rejected", countDelta: 0, sendConfirmation: false };
    case "confirmed":
      return { next: "rejected", countDelta: -1, sendConfirmation: false };
    default:
      return null;
  }
}

/** Signatures a bulk rejection may touch: the ones that count or may come to. */
export const BULK_STATUSES: readonly SignatureStatus[] = ["suspect", "pending", "held", "confirmed"];

/** A confirmation link works for `ttlMs` after the last mail that carried it. */
export function confirmationExpired(sentAt: Date | null, now: Date, ttlMs: number): boolean {
  return sentAt === null || now.getTime() - sentAt.getTime() > ttlMs;
}
