/** The header names a delivery carries (docs/webhooks.md). */
export const EVENT_HEADER = "X-TreatyWatch-Event";
export const DELIVERY_HEADER = "X-TreatyWatch-Delivery";
export const SIGNATURE_HEADER = "X-TreatyWatch-Signature";

export interface RetryPolicy {
  /** The first retry's wait; each further one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A delivery still failing this long after its event is given up. */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, "giveUpAfterMs"> = { baseDelayMs: 10_000, maxDelayMs: 3_600_000 };

/**
 * After failed attempt number `attempts` (1 for the first): when to try again, or `give_up` once
 * that time would be past the give-up time. Exponential with "equal jitter": half the wait is
 * fixed, half random (`random` in [0, 1)), so receivers coming back are not hit by every worker at once.
 */
export function nextAttempt(attempts: number, eventAt: Date, now: Date, random: number, policy: RetryPolicy): { retryAt: Date } | "give_up" {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const wait = exponential / 2 + (exponential / 2) * Math.min(Math.max(random, 0), 1);
  const retryAt = new Date(now.getTime() + wait);
  return retryAt.getTime() - eventAt.getTime() > policy.giveUpAfterMs ? "give_up" : { retryAt };
}

/** When a subscription that keeps failing is switched off: both must hold, so a short outage or a single burst does not do it. */
export const DISABLE_AFTER = { consecutiveFailures: 20, failingForMs: 3_600_000 } as const;

/**
 * Whether a subscription is to be switched off after a failed attempt: at least 20 attempts in a
 * row failed (any success resets the count) and the first of them was at least an hour ago.
 */
export function shouldDisable(consecutiveFailures: number, failingSince: Date | null, now: Date, rule: { consecutiveFailures: number; failingForMs: number } = DISABLE_AFTER): boolean {
  return failingSince !== null && consecutiveFailures >= rule.consecutiveFailures && now.getTime() - failingSince.getTime() >= rule.failingForMs;
}

/** A delivery attempt's outcome as the log shows it: 2xx is delivered; everything else is a failure to retry. */
export function isDelivered(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}

export type SubscriptionScope = { partnerId: number | null };
export type EventAudience = { emailKey: string | null; partnerId: number | null; partnerConsent: boolean };

/**
 * Whether a subscription receives an event it asked for. A public event (no person) goes to every
 * subscription; an event about a person goes to the platform's subscriptions, and to a partner's
 * only when that person agreed that this partner (and no other) may contact them.
 */
export function subscriptionReceives(subscription: SubscriptionScope, event: EventAudience): boolean {
  if (event.emailKey === null) return true;
  if (subscription.partnerId === null) return true;
  return event.partnerConsent && event.partnerId === subscription.partnerId;
}
