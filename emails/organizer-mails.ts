import { signInUrlFor } from "../app/lib/links/sign-in-links.server";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

/** The organizer's sign-in link: made when the mail is sent, from the request's id. */
export function renderOrganizerSignIn(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  const id = typeof data.signInId === "string" ? data.signInId : "";
  if (!/^\d+$/u.test(id) || !ctx.signingSecrets) throw new Error("A sign-in mail needs a sign-in id and signing secrets");
  const minutes = typeof data.minutes === "number" ? data.minutes : 15;
  return layoutMail(ctx, {
    subject: t("organizerSignIn.subject"),
    paragraphs: [t("organizerSignIn.body", { count: minutes }), t("organizerSignIn.notYou")],
    action: { label: t("organizerSignIn.action"), url: signInUrlFor(id, ctx.publicUrl, ctx.lng, ctx.signingSecrets) },
  });
}
