import type { MailIntents } from "./intents";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

/** To a subscription's owner: deliveries kept failing, so it was switched off; an admin can switch it back on. */
export function renderWebhookDisabled(ctx: MailContext, data: MailIntents["webhook-disabled"]): RenderedMail {
  const t = emailT(ctx.lng);
  return layoutMail(ctx, {
    subject: t("webhookDisabled.subject"),
    paragraphs: [
      t("webhookDisabled.body", { url: data.url, count: data.failures }),
      data.lastError ? t("webhookDisabled.lastError", { error: data.lastError }) : t("webhookDisabled.noAnswer"),
      t("webhookDisabled.again"),
    ],
    action: { label: t("webhookDisabled.action"), url: `${ctx.publicUrl}/${ctx.lng}/organize/webhooks/${data.subscriptionId}` },
  });
}
