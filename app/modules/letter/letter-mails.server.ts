import type { MailIntents } from "../../../emails/intents";
import { outboxMail, type MailTo, type NewMail } from "../mail/outbox.repo.server";

const DAY_MS = 86_400_000;

/** "Confirm your letter", to its sender: nothing goes to a decision maker before. */
export function letterConfirmMail(input: MailTo & { letterId: string; subject: string; recipients: number; confirmTtlMs: number }): NewMail<"letter-confirm"> {
  const { letterId, subject, recipients } = input;
  return outboxMail("letter-confirm", input, letterId, { letterId, subject, recipients, linkDays: Math.round(input.confirmTtlMs / DAY_MS) });
}

/** A letter over the sender's daily limit was not kept: its sender is told, once a day at most (`senderKey`: the address's keyed hash). */
export function letterLimitMail(input: MailTo & { senderKey: string; day: string }): NewMail<"letter-limit"> {
  return outboxMail("letter-limit", input, `${input.senderKey}:${input.day}`, {});
}

/** The letter itself, to one decision maker; replies go to its sender. */
export function letterToTargetMail(input: {
  letterId: string;
  target: { id: number; email: string };
  language: string;
  subject: string;
  text: string;
  sender: { name: string; email: string };
}): NewMail<"letter"> {
  const { subject, text, sender } = input;
  const to = { email: input.target.email, language: input.language };
  return { ...outboxMail("letter", to, `${input.letterId}:${input.target.id}`, { subject, text, senderName: sender.name, senderEmail: sender.email }), replyTo: sender.email };
}

/** The sender's copy once the letter is confirmed: who got it directly, who in their daily digest. */
export function letterReceiptMail(input: MailTo & MailIntents["letter-receipt"]): NewMail<"letter-receipt"> {
  const { letterId, subject, text, recipients, digestRecipients } = input;
  return outboxMail("letter-receipt", input, letterId, { letterId, subject, text, recipients, digestRecipients });
}

/** One decision maker's daily digest: how many wrote, and the quoted letters. */
export function letterDigestMail(input: MailTo & MailIntents["letter-digest"] & { digestId: string }): NewMail<"letter-digest"> {
  const { subject, count, countryName, entries } = input;
  return outboxMail("letter-digest", input, input.digestId, { subject, count, countryName, entries });
}

/** "Did you get a reply?", to the sender, naming the people their letter reached. */
export function letterFollowupMail(input: MailTo & MailIntents["letter-followup"]): NewMail<"letter-followup"> {
  const { letterId, subject, targets } = input;
  return outboxMail("letter-followup", input, letterId, { letterId, subject, targets });
}
