import { followUnsubscribeUrl } from "./follow-mails";
import type { MailIntents } from "./intents";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

type AlertAction = MailIntents["country-alert"]["actions"][number];

/** A campaign's ask for the new status in the reader's language, else its default language's, else its title. */
function actionHeading(action: AlertAction, lng: string): string {
  return action.headings[lng] ?? action.headings[action.defaultLanguage] ?? action.titles[lng] ?? action.titles[action.defaultLanguage] ?? action.slug;
}

/** A letter campaign opens with the country chosen, so the letter is the one for its status. */
function actionUrl(ctx: MailContext, action: AlertAction, countrySegment: string): string {
  return action.kind === "petition" ? `${ctx.publicUrl}/${ctx.lng}/petitions/${action.slug}` : `${ctx.publicUrl}/${ctx.lng}/letters/${action.slug}?country=${countrySegment}`;
}

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
  const actions = data.actions.map((action) => ({ label: t(`alert.campaign.${action.kind}`, { heading: actionHeading(action, ctx.lng) }), url: actionUrl(ctx, action, data.countrySegment) }));
  if (actions.length > 0) paragraphs.push(t("alert.nowFits", { country }));
  const links = [...actions, ...(data.sourceUrl ? [{ label: t("alert.source"), url: data.sourceUrl }] : [])];
  return layoutMail(ctx, {
    subject: t(`alert.subject.${data.certainty}`, { country, status }),
    paragraphs,
    ...(links.length > 0 ? { links } : {}),
    action: { label: t("alert.action", { country }), url: `${ctx.publicUrl}/${ctx.lng}/countries/${data.countrySegment}` },
    // A follower's link stops that follow; a signer's is the general one (all mail), labelled as such.
    ...(data.followId ? { unsubscribeLabel: t("follow.unsubscribe", { country }) } : {}),
  });
}

/** A follower's alert: the follow's one-click link. A signer's: none of its own (the general link stops all mail). */
export function countryAlertUnsubscribeUrl(data: MailIntents["country-alert"], publicUrl: string, lng: string, secrets: readonly string[]): string | undefined {
  return data.followId ? followUnsubscribeUrl({ followId: data.followId }, publicUrl, lng, secrets) : undefined;
}
