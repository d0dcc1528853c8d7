import { receiptText, receiptVerifyPath } from "../app/lib/links/receipt-links";
import { confirmUrlFor, withdrawUrlFor } from "../app/lib/links/signature-links.server";
import type { MailIntents } from "./intents";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

/** The signature's confirm and withdraw links, signed now with the current secret. */
function signatureLinks(ctx: MailContext, signatureId: string) {
  if (!ctx.signingSecrets) throw new Error("A signature mail needs signing secrets");
  return {
    confirmUrl: confirmUrlFor(signatureId, ctx.publicUrl, ctx.lng, ctx.signingSecrets),
    withdrawUrl: withdrawUrlFor(signatureId, ctx.publicUrl, ctx.lng, ctx.signingSecrets),
  };
}

/** "Confirm your signature": the only way a signature comes to count. */
export function renderSignatureConfirm(ctx: MailContext, data: MailIntents["signature-confirm"]): RenderedMail {
  const t = emailT(ctx.lng);
  const title = data.petitionTitle;
  const links = signatureLinks(ctx, data.signatureId);
  return layoutMail(ctx, {
    subject: t("signatureConfirm.subject", { title }),
    paragraphs: [t("signatureConfirm.greeting", { name: data.name }), t("signatureConfirm.body", { title }), t("signatureConfirm.expiry", { count: data.linkDays })],
    action: { label: t("signatureConfirm.action"), url: links.confirmUrl },
    links: [{ label: t("signatureConfirm.notMe"), url: links.withdrawUrl }],
  });
}

/**
 * Someone signed again with an address that already counts: tell its owner,
 * with their own share link (the form's answer never carries it).
 */
export function renderSignatureAlreadySigned(ctx: MailContext, data: MailIntents["signature-already-signed"]): RenderedMail {
  const t = emailT(ctx.lng);
  const title = data.petitionTitle;
  const petitionUrl = `${ctx.publicUrl}/${ctx.lng}/petitions/${data.petitionSlug}`;
  const referral = data.referralCode;
  const share = /^[A-Za-z0-9_-]{6,32}$/u.test(referral) ? [{ label: t("signatureAlreadySigned.share"), url: `${petitionUrl}?ref=${referral}` }] : [];
  return layoutMail(ctx, {
    subject: t("signatureAlreadySigned.subject", { title }),
    paragraphs: [t("signatureAlreadySigned.body", { title }), t("signatureAlreadySigned.nothingToDo")],
    action: { label: t("signatureAlreadySigned.action"), url: petitionUrl },
    links: [...share, { label: t("signatureAlreadySigned.notMe"), url: signatureLinks(ctx, data.signatureId).withdrawUrl }],
  });
}

/**
 * The signer's receipt, once their entry is in the petition's public log: the receipt itself (to
 * keep), the verify page with the receipt in the link's fragment, and why to keep it private.
 */
export function renderSignatureReceipt(ctx: MailContext, data: MailIntents["signature-receipt"]): RenderedMail {
  const t = emailT(ctx.lng);
  const title = data.petitionTitle;
  return layoutMail(ctx, {
    subject: t("signatureReceipt.subject", { title }),
    paragraphs: [t("signatureReceipt.body", { title }), t("signatureReceipt.receipt"), receiptText(data.receipt), t("signatureReceipt.private")],
    action: { label: t("signatureReceipt.action"), url: `${ctx.publicUrl}${receiptVerifyPath(ctx.lng, data.petitionSlug, data.receipt)}` },
  });
}
