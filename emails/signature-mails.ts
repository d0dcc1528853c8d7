import { confirmUrlFor, withdrawUrlFor } from "../app/lib/links/signature-links.server";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

function text(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  return typeof value === "string" ? value : "";
}

/** The signature's confirm and withdraw links, signed now with the current secret. */
function signatureLinks(ctx: MailContext, data: Record<string, unknown>) {
  const id = text(data, "signatureId");
  if (!/^\d+$/u.test(id) || !ctx.signingSecrets) throw new Error("A signature mail needs a signature id and signing secrets");
  return {
    confirmUrl: confirmUrlFor(id, ctx.publicUrl, ctx.lng, ctx.signingSecrets),
    withdrawUrl: withdrawUrlFor(id, ctx.publicUrl, ctx.lng, ctx.signingSecrets),
  };
}

/** "Confirm your signature": the only way a signature comes to count. */
export function renderSignatureConfirm(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  const title = text(data, "petitionTitle");
  const links = signatureLinks(ctx, data);
  return layoutMail(ctx, {
    subject: t("signatureConfirm.subject", { title }),
    paragraphs: [
      t("signatureConfirm.greeting", { name: text(data, "name") }),
      t("signatureConfirm.body", { title }),
      t("signatureConfirm.expiry", { count: typeof data.linkDays === "number" ? data.linkDays : 30 }),
    ],
    action: { label: t("signatureConfirm.action"), url: links.confirmUrl },
    links: [{ label: t("signatureConfirm.notMe"), url: links.withdrawUrl }],
  });
}

/**
 * Someone signed again with an address that already counts: tell its owner,
 * with their own share link (the form's answer never carries it).
 */
export function renderSignatureAlreadySigned(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  const title = text(data, "petitionTitle");
  const petitionUrl = `${ctx.publicUrl}/${ctx.lng}/petitions/${text(data, "petitionSlug")}`;
  const referral = text(data, "referralCode");
  const share = /^[A-Za-z0-9_-]{6,32}$/u.test(referral) ? [{ label: t("signatureAlreadySigned.share"), url: `${petitionUrl}?ref=${referral}` }] : [];
  return layoutMail(ctx, {
    subject: t("signatureAlreadySigned.subject", { title }),
    paragraphs: [t("signatureAlreadySigned.body", { title }), t("signatureAlreadySigned.nothingToDo")],
    action: { label: t("signatureAlreadySigned.action"), url: petitionUrl },
    links: [...share, { label: t("signatureAlreadySigned.notMe"), url: signatureLinks(ctx, data).withdrawUrl }],
  });
}
