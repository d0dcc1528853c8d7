import type { MailContext, RenderedMail } from "./layout";
import { renderLetterConfirm, renderLetterDigest, renderLetterFollowup, renderLetterLimit, renderLetterReceipt, renderLetterToTarget } from "./letter-mails";
import { renderOrganizerSignIn } from "./organizer-mails";
import { renderSignatureAlreadySigned, renderSignatureConfirm } from "./signature-mails";
import { renderTestMessage } from "./test-message";

interface MailTemplate {
  /** A one-off the reader asked for (a confirmation link): no unsubscribe link. */
  transactional: boolean;
  render(ctx: MailContext, data: Record<string, unknown>): RenderedMail;
}

/** Every mail the platform sends, by the template name stored in the outbox. */
const TEMPLATES: Record<string, MailTemplate> = {
  test: {
    transactional: false,
    render: (ctx, data) => renderTestMessage(ctx, { name: typeof data.name === "string" ? data.name : undefined }),
  },
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

export function isKnownTemplate(name: string): boolean {
  return name in TEMPLATES;
}

export function isTransactional(name: string): boolean {
  return TEMPLATES[name]?.transactional ?? true;
}

export function renderMail(template: string, ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const entry = TEMPLATES[template];
  if (!entry) throw new Error(`Unknown mail template: ${template}`);
  return entry.render(ctx, data);
}
