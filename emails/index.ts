import type { MailIntent, MailIntents } from "./intents";
import type { MailContext, RenderedMail } from "./layout";
import { renderLetterConfirm, renderLetterDigest, renderLetterFollowup, renderLetterLimit, renderLetterReceipt, renderLetterToTarget } from "./letter-mails";
import { renderOrganizerSignIn } from "./organizer-mails";
import { renderSignatureAlreadySigned, renderSignatureConfirm } from "./signature-mails";
import { renderTestMessage } from "./test-message";

export { isMailIntent, readStoredMail, type MailIntent, type MailIntents, type StoredMail } from "./intents";

interface MailTemplate<K extends MailIntent> {
  /** A one-off the reader asked for (a confirmation link): no unsubscribe link. */
  transactional: boolean;
  render(ctx: MailContext, data: MailIntents[K]): RenderedMail;
}

/** How each intent's mail is written. */
const TEMPLATES: { [K in MailIntent]: MailTemplate<K> } = {
  test: { transactional: false, render: renderTestMessage },
  "signature-confirm": { transactional: true, render: renderSignatureConfirm },
  "signature-already-signed": { transactional: true, render: renderSignatureAlreadySigned },
  "letter-confirm": { transactional: true, render: renderLetterConfirm },
  // At most one a day per sender: the letter over the daily limit was not kept.
  "letter-limit": { transactional: true, render: renderLetterLimit },
  // To decision makers: their public role's mail, answered by replying to the sender.
  letter: { transactional: true, render: renderLetterToTarget },
  "letter-receipt": { transactional: true, render: renderLetterReceipt },
  "organizer-sign-in": { transactional: true, render: renderOrganizerSignIn },
  "letter-digest": { transactional: true, render: renderLetterDigest },
  // Not asked for at the moment it arrives: it carries an unsubscribe link.
  "letter-followup": { transactional: false, render: renderLetterFollowup },
};

export function isTransactional(intent: MailIntent): boolean {
  return TEMPLATES[intent].transactional;
}

export function renderMail<K extends MailIntent>(intent: K, ctx: MailContext, data: MailIntents[K]): RenderedMail {
  return TEMPLATES[intent].render(ctx, data);
}
