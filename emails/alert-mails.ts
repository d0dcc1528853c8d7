import { followUnsubscribeUrl } from "./follow-mails";
import type { MailIntents } from "./intents";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

/**
 * A country the reader follows moved. What it says never goes beyond the change's certainty: a
 * confirmed status is stated, a reported one is said to be reported, a correction is a correction.
 */
export function renderCountryAlert(ctx: MailContext, data: MailIntents["country-alert"]): RenderedMail {
  const t = emailT(ctx.lng);
  const country = data.countryName;
  const status = t(`alert.statuses.${data.status}`);
  const from = t(`alert.statuses.${data.fromStatus}`);
  const paragraphs = [t(`alert.${data.certainty}`, { country, status, from })];
  if (data.actedOn) paragraphs.push(t("alert.date", { date: data.actedOn }));
  if (!data.sourceUrl) paragraphs.push(t("alert.noSource"));
  // A signer follows nothing: the mail says why it came (their consent to news, and their country).
  if (!data.followId) paragraphs.push(t("alert.becauseSigned", { country }));
  return layoutMail(ctx, {
    subject: t(`alert.subject.${data.certainty}`, { country, status }),
    paragraphs,
    ...(data.sourceUrl ? { links: [{ label: t("alert.source"), url: data.sourceUrl }] } : {}),
    action: { label: t("alert.action", { country }), url: `${ctx.publicUrl}/${ctx.lng}/countries/${data.countrySegment}` },
    // A follower's link stops that follow; a signer's is the general one (all mail), labelled as such.
    ...(data.followId ? { unsubscribeLabel: t("follow.unsubscribe", { country }) } : {}),
  });
}

/** A follower's alert: the follow's one-click link. A signer's: none of its own (the general link stops all mail). */
export function countryAlertUnsubscribeUrl(data: MailIntents["country-alert"], publicUrl: string, lng: string, secrets: readonly string[]): string | undefined {
  return data.followId ? followUnsubscribeUrl({ followId: data.followId }, publicUrl, lng, secrets) : undefined;
}
