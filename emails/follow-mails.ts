import { followConfirmUrlFor, followUnsubscribeUrlFor } from "../app/lib/links/follow-links.server";
import type { MailIntents } from "./intents";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

function secretsOf(ctx: MailContext): readonly string[] {
  if (!ctx.signingSecrets) throw new Error("A follow mail needs signing secrets");
  return ctx.signingSecrets;
}

/**
 * The one-click unsubscribe link of every mail about a follow (RFC 8058 headers and the
 * footer): it stops news of that country; its page also offers every country, or all mail.
 */
export function followUnsubscribeUrl(data: { followId: string }, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return followUnsubscribeUrlFor(data.followId, publicUrl, lng, secrets);
}

/** "Confirm: news of this country": nothing is sent to a follower before. */
export function renderFollowConfirm(ctx: MailContext, data: MailIntents["follow-confirm"]): RenderedMail {
  const t = emailT(ctx.lng);
  const country = data.countryName;
  return layoutMail(ctx, {
    subject: t("follow.confirm.subject", { country }),
    paragraphs: [t("follow.confirm.body", { country }), t("follow.confirm.expiry", { count: data.linkDays })],
    action: { label: t("follow.confirm.action", { country }), url: followConfirmUrlFor(data.followId, ctx.publicUrl, ctx.lng, secretsOf(ctx)) },
    unsubscribeLabel: t("follow.unsubscribe", { country }),
  });
}

/** Someone asked again to follow a country this address follows: only its owner hears of it. */
export function renderFollowAlready(ctx: MailContext, data: MailIntents["follow-already"]): RenderedMail {
  const t = emailT(ctx.lng);
  const country = data.countryName;
  return layoutMail(ctx, {
    subject: t("follow.already.subject", { country }),
    paragraphs: [t("follow.already.body", { country }), t("follow.already.nothingToDo")],
    action: { label: t("follow.already.action", { country }), url: `${ctx.publicUrl}/${ctx.lng}/countries/${data.countrySegment}` },
    unsubscribeLabel: t("follow.unsubscribe", { country }),
  });
}
