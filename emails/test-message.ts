import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

/** A mail that proves delivery works (`npm run mail:test`): no action, no personal data. */
export function renderTestMessage(ctx: MailContext, data: { name?: string }): RenderedMail {
  const t = emailT(ctx.lng);
  return layoutMail(ctx, {
    subject: t("test.subject"),
    paragraphs: [data.name ? t("test.greetingNamed", { name: data.name }) : t("test.greeting"), t("test.body")],
    action: { label: t("test.action"), url: `${ctx.publicUrl}/${ctx.lng}` },
  });
}
