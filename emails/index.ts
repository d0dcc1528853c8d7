import type { MailIntent, MailIntents } from "./intents";
import type { MailContext, RenderedMail } from "./layout";
import { renderLetterConfirm, renderLetterDigest, renderLetterFollowup, renderLetterLimit, renderLetterReceipt, renderLetterToTarget } from "./letter-mails";
import { countryAlertUnsubscribeUrl, renderCountryAlert } from "./alert-mails";
import { renderCampaignUpdate, updateUnsubscribeUrl } from "./update-mails";
import { followUnsubscribeUrl, renderFollowAlready, renderFollowConfirm } from "./follow-mails";
import { renderOrganizerSignIn, renderTrendingAlert } from "./organizer-mails";
import { renderSignatureAlreadySigned, renderSignatureConfirm, renderSignatureReceipt } from "./signature-mails";
import { renderTestMessage } from "./test-message";
import { renderWebhookDisabled } from "./webhook-mails";

export { isMailIntent, readStoredMail, type MailIntent, type MailIntents, type StoredMail } from "./intents";

interface MailTemplate<K extends MailIntent> {
  /** A one-off the reader asked for (a confirmation link): no unsubscribe link, unless it is about a follow. */
  transactional: boolean;
  /** Mail about one follow: its unsubscribe link (and RFC 8058 headers) stops that follow, not all mail; none, the general link. */
  unsubscribe?: (data: MailIntents[K], publicUrl: string, lng: string, secrets: readonly string[]) => string | undefined;
  render(ctx: MailContext, data: MailIntents[K]): RenderedMail;
}

/** How each intent's mail is written. */
const TEMPLATES: { [K in MailIntent]: MailTemplate<K> } = {
  test: { transactional: false, render: renderTestMessage },
  "signature-confirm": { transactional: true, render: renderSignatureConfirm },
  "signature-already-signed": { transactional: true, render: renderSignatureAlreadySigned },
  // What the signer's own confirmation led to: a record of it, not news (sent as bulk, behind confirmations).
  "signature-receipt": { transactional: true, render: renderSignatureReceipt },
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
  // Asked for, but about a follow: one click stops it ("it was not me", or no longer wanted).
  "follow-confirm": { transactional: true, render: renderFollowConfirm, unsubscribe: followUnsubscribeUrl },
  "follow-already": { transactional: true, render: renderFollowAlready, unsubscribe: followUnsubscribeUrl },
  // News of a followed country: one click stops that follow (a signer's: all mail, the general link).
  "country-alert": { transactional: false, render: renderCountryAlert, unsubscribe: countryAlertUnsubscribeUrl },
  // News of a campaign: one click stops that campaign's news (the page also offers all mail).
  "campaign-update": { transactional: false, render: renderCampaignUpdate, unsubscribe: updateUnsubscribeUrl },
  // About the owner's own subscription: a notice, not news.
  "webhook-disabled": { transactional: true, render: renderWebhookDisabled },
  // To organizers about their work: a general unsubscribe would also stop their sign-in links.
  "trending-alert": { transactional: true, render: renderTrendingAlert },
};

export function isTransactional(intent: MailIntent): boolean {
  return TEMPLATES[intent].transactional;
}

/**
 * The one-click unsubscribe link of a mail: a follow's own for mail about a follow, `general`
 * (all mail to the address) for other mail that is not transactional, none for one-offs.
 */
export function unsubscribeUrlOf<K extends MailIntent>(
  intent: K,
  data: MailIntents[K],
  link: { publicUrl: string; lng: string; secrets: readonly string[]; general: () => string },
): string | undefined {
  const template: MailTemplate<K> = TEMPLATES[intent];
  const own = template.unsubscribe?.(data, link.publicUrl, link.lng, link.secrets);
  if (own) return own;
  return template.transactional ? undefined : link.general();
}

export function renderMail<K extends MailIntent>(intent: K, ctx: MailContext, data: MailIntents[K]): RenderedMail {
  return TEMPLATES[intent].render(ctx, data);
}
