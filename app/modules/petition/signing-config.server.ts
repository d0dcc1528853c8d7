import { nonNegativeNumberFromEnv as positive } from "../../lib/env-number.server";
import type { ResendPolicy } from "./signature-status";

export interface SigningConfig {
  /** Faster than this from page to submit is a bot (SIGN_MIN_FILL_SECONDS, default 2). */
  minFillMs: number;
  /** A served form may be submitted for this long. */
  formMaxAgeMs: number;
  /** Signatures per client address per petition per minute (SIGN_RATE_PER_MINUTE, default 20). */
  perMinute: number;
  /** … and per hour (SIGN_RATE_PER_HOUR, default 200). */
  perHour: number;
  /** Signatures per email domain per petition per hour, any client address (SIGN_RATE_PER_DOMAIN_PER_HOUR, default 50; public mail services are not counted). */
  perDomainPerHour: number;
  /** How long a confirmation link works (CONFIRM_LINK_DAYS, default 30). */
  confirmTtlMs: number;
  resend: ResendPolicy;
}

export function signingConfig(env: NodeJS.ProcessEnv = process.env): SigningConfig {
  return {
    minFillMs: positive(env, "SIGN_MIN_FILL_SECONDS", 2) * 1000,
    formMaxAgeMs: 24 * 60 * 60 * 1000,
    perMinute: positive(env, "SIGN_RATE_PER_MINUTE", 20),
    perHour: positive(env, "SIGN_RATE_PER_HOUR", 200),
    perDomainPerHour: positive(env, "SIGN_RATE_PER_DOMAIN_PER_HOUR", 50),
    confirmTtlMs: positive(env, "CONFIRM_LINK_DAYS", 30) * 24 * 60 * 60 * 1000,
    resend: { minIntervalMs: 5 * 60 * 1000, maxMails: 5 },
  };
}
