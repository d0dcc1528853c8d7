import type { MailIntents } from "../../../emails/intents";
import type { NewMail } from "../mail/outbox.repo.server";

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
export function signatureConfirmMail(input: {
  signatureId: string;
  email: string;
  language: string;
  name: string;
  petitionTitle: string;
  confirmTtlMs: number;
  mailNumber: number | "released";
}): NewMail<"signature-confirm"> {
  return {
    recipient: input.email,
    template: "signature-confirm",
    language: input.language,
    idempotencyKey: `signature-confirm:${input.signatureId}:${input.mailNumber}`,
    templateData: { signatureId: input.signatureId, ...signatureConfirmContent(input) },
  };
}

/** To the owner of an address that signed again while its signature counts: their share link, and "it wasn't me". */
export function signatureAlreadySignedMail(input: {
  signatureId: string;
  email: string;
  language: string;
  petitionTitle: string;
  petitionSlug: string;
  referralCode: string;
  mailNumber: number;
}): NewMail<"signature-already-signed"> {
  return {
    recipient: input.email,
    template: "signature-already-signed",
    language: input.language,
    idempotencyKey: `signature-already-signed:${input.signatureId}:${input.mailNumber}`,
    templateData: { signatureId: input.signatureId, petitionTitle: input.petitionTitle, petitionSlug: input.petitionSlug, referralCode: input.referralCode },
  };
}
