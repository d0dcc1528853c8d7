import type { MailIntents } from "../../../emails/intents";
import { outboxMail, type MailTo, type NewMail } from "../mail/outbox.repo.server";

const DAY_MS = 86_400_000;

type AboutFollow = MailTo & { followId: string; countryName: string; countrySegment: string; mailNumber: number };

/** "Confirm: news of this country"; `mailNumber` makes each (paced) repeat its own mail. */
export function followConfirmMail(input: AboutFollow & { confirmTtlMs: number }): NewMail<"follow-confirm"> {
  const { followId, countryName, countrySegment } = input;
  const data: MailIntents["follow-confirm"] = { followId, countryName, countrySegment, linkDays: Math.round(input.confirmTtlMs / DAY_MS) };
  return outboxMail("follow-confirm", input, `${followId}:${input.mailNumber}`, data);
}

/** "You already follow this country", to the address's owner, when someone asks again. */
export function followAlreadyMail(input: AboutFollow): NewMail<"follow-already"> {
  const { followId, countryName, countrySegment } = input;
  return outboxMail("follow-already", input, `${followId}:${input.mailNumber}`, { followId, countryName, countrySegment });
}
