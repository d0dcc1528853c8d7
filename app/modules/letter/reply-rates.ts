import type { ReplyAnswer } from "../../../db/schema";

/** Below this many answers a rate says more about one person than about a target: not shown publicly. */
export const MIN_ANSWERS_TO_PUBLISH = 3;

export interface ReplyTally {
  /** Letters delivered (or gathered into a digest that was sent). */
  delivered: number;
  answers: Partial<Record<ReplyAnswer, number>>;
}

export interface ReplyRate {
  delivered: number;
  answered: number;
  replied: number;
  /** Share of answered letters that got a reply, 0–100, whole percent; null when too few answered to say. */
  percent: number | null;
}

/** "Did you get a reply?": only what senders told us counts; "not yet" counts as no reply so far. */
export function replyRate(tally: ReplyTally): ReplyRate {
  const replied = tally.answers.yes ?? 0;
  const answered = replied + (tally.answers.no ?? 0) + (tally.answers.not_yet ?? 0);
  const percent = answered >= MIN_ANSWERS_TO_PUBLISH ? Math.round((100 * replied) / answered) : null;
  return { delivered: tally.delivered, answered, replied, percent };
}

export const REPLY_ANSWERS: readonly ReplyAnswer[] = ["yes", "no", "not_yet"];

export function isReplyAnswer(value: unknown): value is ReplyAnswer {
  return typeof value === "string" && (REPLY_ANSWERS as readonly string[]).includes(value);
}
