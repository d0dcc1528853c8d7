import type { MailIntents } from "../../../emails/intents";
import type { NewMail } from "../mail/outbox.repo.server";

const DAY_MS = 86_400_000;

/** "Confirm your letter", to its sender: nothing goes to a decision maker before. */
export function letterConfirmMail(input: {
  letterId: string;
  email: string;
  language: string;
  subject: string;
  recipients: number;
  confirmTtlMs: number;
}): NewMail<"letter-confirm"> {
  return {
    recipient: input.email,
    template: "letter-confirm",
    language: input.language,
    idempotencyKey: `letter-confirm:${input.letterId}`,
    templateData: { letterId: input.letterId, subject: input.subject, recipients: input.recipients, linkDays: Math.round(input.confirmTtlMs / DAY_MS) },
  };
}

/** A letter over the sender's daily limit was not kept: its sender is told, once a day at most (`senderKey`: the address's keyed hash). */
export function letterLimitMail(input: { email: string; language: string; senderKey: string; day: string }): NewMail<"letter-limit"> {
  return { recipient: input.email, template: "letter-limit", language: input.language, idempotencyKey: `letter-limit:${input.senderKey}:${input.day}`, templateData: {} };
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
  return {
    recipient: input.target.email,
    template: "letter",
    language: input.language,
    idempotencyKey: `letter:${input.letterId}:${input.target.id}`,
    replyTo: input.sender.email,
    templateData: { subject: input.subject, text: input.text, senderName: input.sender.name, senderEmail: input.sender.email },
  };
}

/** The sender's copy once the letter is confirmed: who got it directly, who in their daily digest. */
export function letterReceiptMail(input: {
  letterId: string;
  email: string;
  language: string;
  subject: string;
  text: string;
  recipients: string[];
  digestRecipients: string[];
}): NewMail<"letter-receipt"> {
  return {
    recipient: input.email,
    template: "letter-receipt",
    language: input.language,
    idempotencyKey: `letter-receipt:${input.letterId}`,
    templateData: { letterId: input.letterId, subject: input.subject, text: input.text, recipients: input.recipients, digestRecipients: input.digestRecipients },
  };
}

/** One decision maker's daily digest: how many wrote, and the quoted letters. */
export function letterDigestMail(input: {
  digestId: string;
  email: string;
  language: string;
  subject: string;
  count: number;
  countryName: string;
  entries: MailIntents["letter-digest"]["entries"];
}): NewMail<"letter-digest"> {
  return {
    recipient: input.email,
    template: "letter-digest",
    language: input.language,
    idempotencyKey: `letter-digest:${input.digestId}`,
    templateData: { subject: input.subject, count: input.count, countryName: input.countryName, entries: input.entries },
  };
}

/** "Did you get a reply?", to the sender, naming the people their letter reached. */
export function letterFollowupMail(input: { letterId: string; email: string; language: string; subject: string; targets: string[] }): NewMail<"letter-followup"> {
  return {
    recipient: input.email,
    template: "letter-followup",
    language: input.language,
    idempotencyKey: `letter-followup:${input.letterId}`,
    templateData: { letterId: input.letterId, subject: input.subject, targets: input.targets },
  };
}
