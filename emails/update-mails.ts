import { updateUnsubscribeUrlFor } from "../app/lib/links/update-links.server";
import type { MailIntents } from "./intents";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

/** The one-click link of an update's mail (RFC 8058 headers and the footer): it stops that campaign's news. */
export function updateUnsubscribeUrl(data: MailIntents["campaign-update"], publicUrl: string, lng: string, secrets: readonly string[]): string {
  return updateUnsubscribeUrlFor({ updateId: data.updateId, kind: data.kind, personId: data.personId }, publicUrl, lng, secrets);
}

/** Paragraphs of the organizer's text as plain text: blank lines separate them, markdown marks stay readable. */
export function updateParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/gu, "\n")
    .split(/\n\s*\n/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** An organizer's news of a campaign, in the reader's language (or the update's default). */
export function renderCampaignUpdate(ctx: MailContext, data: MailIntents["campaign-update"]): RenderedMail {
  const t = emailT(ctx.lng);
  return layoutMail(ctx, {
    subject: data.test ? `${t("update.testPrefix")} ${data.subject}` : data.subject,
    paragraphs: [...(data.test ? [t("update.testNote")] : []), ...updateParagraphs(data.body), t("update.why")],
    action: {
      label: t("update.action"),
      url: `${ctx.publicUrl}/${ctx.lng}/${data.campaignPath}`,
    },
    unsubscribeLabel: t("update.unsubscribe"),
  });
}
