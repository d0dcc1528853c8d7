import { outboxMail, type MailTo, type NewMail } from "../mail/outbox.repo.server";

/** The organizer's single-use sign-in link, for the sign-in request `signInId`; its link is signed when the mail is sent. */
export function organizerSignInMail(input: MailTo & { signInId: string; ttlMs: number }): NewMail<"organizer-sign-in"> {
  return outboxMail("organizer-sign-in", input, input.signInId, { signInId: input.signInId, minutes: input.ttlMs / 60_000 });
}
