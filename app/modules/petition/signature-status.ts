import type { SignatureStatus, SuspectReason } from "../../../db/schema";

/** Only confirmed signatures count; everything else is waiting, set aside or gone. */
export function counts(status: SignatureStatus): boolean {
  return status === "confirmed";
}

export function canConfirm(status: SignatureStatus): boolean {
  return status === "pending";
}

/** The signer may take their name off at any time, whatever state it is in. */
export function canWithdraw(status: SignatureStatus): boolean {
  return status === "pending" || status === "confirmed" || status === "suspect";
}

export interface SuspicionSignals {
  honeypotFilled: boolean;
  /** Time between the form being served and submitted. */
  fillMs: number;
  minFillMs: number;
  overRateLimit: boolean;
}

/**
 * Why a submission looks automated, or null. A suspect signature is stored but
 * never counted or mailed; the person sees the normal flow and organizers review it.
 */
export function suspicionOf(signals: SuspicionSignals): SuspectReason | null {
  if (signals.honeypotFilled) return "honeypot";
  if (signals.fillMs < signals.minFillMs) return "too_fast";
  if (signals.overRateLimit) return "rate_limited";
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
      return mayMail ? { kind: "notify_already_signed" } : { kind: "nothing" };
    case "suspect":
    case "rejected":
      return { kind: "nothing" };
  }
}

/** A confirmation link works for `ttlMs` after the last mail that carried it. */
export function confirmationExpired(sentAt: Date | null, now: Date, ttlMs: number): boolean {
  return sentAt === null || now.getTime() - sentAt.getTime() > ttlMs;
}
