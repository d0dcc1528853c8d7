import { nonNegativeNumberFromEnv as number } from "../../lib/env-number.server";

const DAY_MS = 86_400_000;

export interface LetterConfig {
  /** Letters one sender address may write per day (LETTERS_PER_SENDER_PER_DAY, default 10). */
  perSenderPerDay: number;
  /** Letters one client address may write per campaign per day (LETTERS_PER_ADDRESS_PER_DAY, default 50). */
  perAddressPerDay: number;
  /** How long an unconfirmed letter may still be confirmed (LETTER_CONFIRM_DAYS, default 7); then it expires. */
  confirmTtlMs: number;
  /** Identical letters to one target sent one by one before the rest are folded into the digest (LETTER_IDENTICAL_THRESHOLD, default 3). */
  identicalThreshold: number;
  /** When the sender is asked "did you get a reply?" (LETTER_FOLLOWUP_DAYS after delivery, default 14). */
  followupAfterMs: number;
  /** A letter sent faster than this after its form was served is a bot's (LETTER_MIN_FILL_SECONDS, default 3). */
  minFillMs: number;
  /** A served letter form may be submitted for this long (one day). */
  formMaxAgeMs: number;
}

export function letterConfig(env: NodeJS.ProcessEnv = process.env): LetterConfig {
  return {
    perSenderPerDay: number(env, "LETTERS_PER_SENDER_PER_DAY", 10),
    perAddressPerDay: number(env, "LETTERS_PER_ADDRESS_PER_DAY", 50),
    confirmTtlMs: number(env, "LETTER_CONFIRM_DAYS", 7) * DAY_MS,
    identicalThreshold: number(env, "LETTER_IDENTICAL_THRESHOLD", 3),
    followupAfterMs: number(env, "LETTER_FOLLOWUP_DAYS", 14) * DAY_MS,
    minFillMs: number(env, "LETTER_MIN_FILL_SECONDS", 3) * 1000,
    formMaxAgeMs: DAY_MS,
  };
}

export const DEFAULT_LETTER_CONFIG: LetterConfig = letterConfig({} as NodeJS.ProcessEnv);
