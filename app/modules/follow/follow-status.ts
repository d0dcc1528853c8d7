/**
 * A follow's whole life, as pure rules (no I/O, the time passed in): asked for (pending),
 * confirmed from the mail, unsubscribed; following again; and who may be mailed.
 */
import type { FollowStatus } from "../../../db/schema";

export const FOLLOW_STATUSES: readonly FollowStatus[] = ["pending", "confirmed", "unsubscribed"];

/** What unsubscribing covers: this country, every country this address follows, or all mail from the site. */
export type UnsubscribeScope = "country" | "follows" | "everything";
export const UNSUBSCRIBE_SCOPES: readonly UnsubscribeScope[] = ["country", "follows", "everything"];

/** A form field or a one-click POST names a scope; anything else (RFC 8058's body) is the mail's own: this country. */
export function unsubscribeScopeOf(value: unknown): UnsubscribeScope {
  return typeof value === "string" && (UNSUBSCRIBE_SCOPES as readonly string[]).includes(value) ? (value as UnsubscribeScope) : "country";
}

export interface FollowState {
  status: FollowStatus;
  /** The last confirmation mail: the link works for a while after it. */
  confirmationSentAt: Date;
  confirmationMails: number;
}

export interface ConfirmPolicy {
  /** How long a confirmation link works after the last mail that carried it. */
  confirmTtlMs: number;
}

export type FollowConfirmOutcome = "confirm" | "already_confirmed" | "unsubscribed" | "expired";

/** What a confirm link does to a follow: only a pending one within the link's life is confirmed; a second click changes nothing. */
export function confirmOutcome(follow: Pick<FollowState, "status" | "confirmationSentAt">, now: Date, policy: ConfirmPolicy): FollowConfirmOutcome {
  switch (follow.status) {
    case "confirmed":
      return "already_confirmed";
    case "unsubscribed":
      return "unsubscribed";
    case "pending":
      return now.getTime() - follow.confirmationSentAt.getTime() > policy.confirmTtlMs ? "expired" : "confirm";
  }
}

/** Whether unsubscribing moves this follow: a pending one ("it was not me") or a confirmed one; an unsubscribed one stays as it is. */
export function canUnsubscribe(status: FollowStatus): boolean {
  return status !== "unsubscribed";
}

export interface ResendPolicy {
  /** Least time between two confirmation mails for one follow. */
  minIntervalMs: number;
  /** Most confirmation mails one follow may ever get. */
  maxMails: number;
}

export type RepeatFollowOutcome = "resend_confirmation" | "notify_already_following" | "nothing";

/**
 * Someone asks to follow a country with an address that already follows it (or waits to).
 * The page they see is the same in every case: whether an address follows a country is its
 * owner's to know. Only the mail differs, and it is paced so a stranger cannot flood a mailbox.
 */
export function repeatFollowOutcome(existing: FollowState, now: Date, policy: ResendPolicy): RepeatFollowOutcome {
  const mayMail = existing.confirmationMails < policy.maxMails && now.getTime() - existing.confirmationSentAt.getTime() >= policy.minIntervalMs;
  if (!mayMail) return "nothing";
  switch (existing.status) {
    case "pending":
      return "resend_confirmation";
    case "confirmed":
      return "notify_already_following";
    case "unsubscribed":
      // Never the case: an unsubscribed follow leaves room for a new one, which the caller starts.
      return "nothing";
  }
}

export type MailDecision = { mail: true } | { mail: false; reason: "not_confirmed" | "unsubscribed" | "do_not_mail" };

/**
 * Whether news of a country may go to this follower: only a confirmed follow, never one
 * unsubscribed (from this country, or from all follows), and never an address on the
 * do-not-mail list (unsubscribed from all mail, bounced, complained: the mail
 * module's one list, `suppressedAmong`).
 */
export function mayMailFollower(follow: { status: FollowStatus }, onDoNotMailList: boolean): MailDecision {
  if (follow.status === "unsubscribed") return { mail: false, reason: "unsubscribed" };
  if (follow.status !== "confirmed") return { mail: false, reason: "not_confirmed" };
  if (onDoNotMailList) return { mail: false, reason: "do_not_mail" };
  return { mail: true };
}
