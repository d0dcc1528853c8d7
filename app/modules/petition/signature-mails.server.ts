import type { MailIntents } from "../../../emails/intents";
import { outboxMail, type MailTo, type NewMail } from "../mail/outbox.repo.server";

export type SignatureConfirmContent = Omit<MailIntents["signature-confirm"], "signatureId">;

/** What a confirmation mail says, but which signature: a statement that is inserting the signature adds its id. */
export function signatureConfirmContent(input: { name: string; petitionTitle: string; confirmTtlMs: number }): SignatureConfirmContent {
  return { name: input.name, petitionTitle: input.petitionTitle, linkDays: Math.round(input.confirmTtlMs / 86_400_000) };
}

/**
 * "Confirm your signature", to the signer. `mailNumber` counts the mails this
 * signature was sent (the first is 1), so each one is queued once; a
 * moderator's release has its own.
 */
export function signatureConfirmMail(
  input: MailTo & { signatureId: string; name: string; petitionTitle: string; confirmTtlMs: number; mailNumber: number | "released" },
): NewMail<"signature-confirm"> {
  return outboxMail("signature-confirm", input, `${input.signatureId}:${input.mailNumber}`, { signatureId: input.signatureId, ...signatureConfirmContent(input) });
}

/** To the owner of an address that signed again while its signature counts: their share link, and "it wasn't me". */
export function signatureAlreadySignedMail(input: MailTo & MailIntents["signature-already-signed"] & { mailNumber: number }): NewMail<"signature-already-signed"> {
  const { signatureId, petitionTitle, petitionSlug, referralCode } = input;
  return outboxMail("signature-already-signed", input, `${signatureId}:${input.mailNumber}`, { signatureId, petitionTitle, petitionSlug, referralCode });
}
