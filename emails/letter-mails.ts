import { letterConfirmUrlFor } from "../app/modules/letter/letter-links.server";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

const text = (data: Record<string, unknown>, key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
/** A letter's paragraphs, as the layout shows paragraphs. */
const paragraphsOf = (letter: string) => letter.split(/\n{2,}/u).filter((p) => p.trim() !== "");

/** "Confirm your letter": nothing goes to a decision maker until the sender says so. */
export function renderLetterConfirm(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  const id = text(data, "letterId");
  if (!/^\d+$/u.test(id) || !ctx.signingSecrets) throw new Error("A letter confirmation needs a letter id and signing secrets");
  const recipients = typeof data.recipients === "number" ? data.recipients : 1;
  return layoutMail(ctx, {
    subject: t("letterConfirm.subject", { subject: text(data, "subject") }),
    paragraphs: [t("letterConfirm.body", { count: recipients }), t("letterConfirm.expiry", { count: typeof data.linkDays === "number" ? data.linkDays : 7 })],
    action: { label: t("letterConfirm.action"), url: letterConfirmUrlFor(id, ctx.publicUrl, ctx.lng, ctx.signingSecrets) },
  });
}

/** The letter itself, to one decision maker: the sender's words, and who to reply to. */
export function renderLetterToTarget(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  return layoutMail(ctx, {
    subject: text(data, "subject"),
    paragraphs: [...paragraphsOf(text(data, "text")), "—", t("letter.footer", { name: text(data, "senderName"), email: text(data, "senderEmail") })],
  });
}

/** The sender's copy: what was sent, and to whom. */
export function renderLetterReceipt(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  const recipients = Array.isArray(data.recipients) ? data.recipients.filter((r): r is string => typeof r === "string") : [];
  return layoutMail(ctx, {
    subject: t("letterReceipt.subject", { subject: text(data, "subject") }),
    paragraphs: [t("letterReceipt.body", { count: recipients.length }), ...recipients.map((r) => `• ${r}`), t("letterReceipt.copy"), ...paragraphsOf(text(data, "text"))],
    action: { label: t("letterReceipt.action"), url: `${ctx.publicUrl}/${ctx.lng}/letters/${text(data, "campaignSlug")}` },
  });
}
