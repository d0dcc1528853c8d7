import { signInUrlFor } from "../app/lib/links/sign-in-links.server";
import type { MailIntents } from "./intents";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

/** The organizer's sign-in link: made when the mail is sent, from the request's id. */
export function renderOrganizerSignIn(ctx: MailContext, data: MailIntents["organizer-sign-in"]): RenderedMail {
  const t = emailT(ctx.lng);
  if (!ctx.signingSecrets) throw new Error("A sign-in mail needs signing secrets");
  return layoutMail(ctx, {
    subject: t("organizerSignIn.subject"),
    paragraphs: [t("organizerSignIn.body", { count: data.minutes }), t("organizerSignIn.notYou")],
    action: { label: t("organizerSignIn.action"), url: signInUrlFor(data.signInId, ctx.publicUrl, ctx.lng, ctx.signingSecrets) },
  });
}

/** A newly trending source on a petition: which petition, which source, how many so far, and the dashboard where organizers decide. */
export function renderTrendingAlert(ctx: MailContext, data: MailIntents["trending-alert"]): RenderedMail {
  const t = emailT(ctx.lng);
  const source = { source: data.sourceLabel, title: data.petitionTitle, number: data.signatures };
  return layoutMail(ctx, {
    subject: t("trendingAlert.subject", { title: data.petitionTitle }),
    paragraphs: [t(`trendingAlert.${data.sourceKind}`, source), t("trendingAlert.rule"), t("trendingAlert.decide")],
    action: { label: t("trendingAlert.action"), url: `${ctx.publicUrl}/${ctx.lng}/organize/petitions/${data.petitionSlug}#trending` },
  });
}
