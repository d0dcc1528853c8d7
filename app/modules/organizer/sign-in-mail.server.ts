import type { NewMail } from "../mail/outbox.repo.server";

/** The organizer's single-use sign-in link, for the sign-in request `signInId`; its link is signed when the mail is sent. */
export function organizerSignInMail(input: { signInId: string; email: string; language: string; ttlMs: number }): NewMail<"organizer-sign-in"> {
  return {
    recipient: input.email,
    template: "organizer-sign-in",
    language: input.language,
    idempotencyKey: `organizer-sign-in:${input.signInId}`,
    templateData: { signInId: input.signInId, minutes: input.ttlMs / 60_000 },
  };
}
