import { letterConfirmUrlFor, letterStatusUrlFor } from "../app/lib/links/letter-links.server";
import type { MailIntents } from "./intents";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

/** The secrets that sign a letter mail's links, when the mail is sent. */
function secretsOf(ctx: MailContext): readonly string[] {
  if (!ctx.signingSecrets) throw new Error("This letter mail needs signing secrets");
  return ctx.signingSecrets;
}
/** A letter's paragraphs, as the layout shows paragraphs. */
const paragraphsOf = (letter: string) => letter.split(/\n{2,}/u).filter((p) => p.trim() !== "");

/** "Confirm your letter": nothing goes to a decision maker until the sender says so. */
export function renderLetterConfirm(ctx: MailContext, data: MailIntents["letter-confirm"]): RenderedMail {
  const t = emailT(ctx.lng);
  return layoutMail(ctx, {
    subject: t("letterConfirm.subject", { subject: data.subject }),
    paragraphs: [t("letterConfirm.body", { count: data.recipients }), t("letterConfirm.expiry", { count: data.linkDays })],
    action: { label: t("letterConfirm.action"), url: letterConfirmUrlFor(data.letterId, ctx.publicUrl, ctx.lng, secretsOf(ctx)) },
  });
}

/** A letter over the sender's daily limit was not kept: its sender hears it here, never on the form. */
export function renderLetterLimit(ctx: MailContext): RenderedMail {
  const t = emailT(ctx.lng);
  return layoutMail(ctx, {
    subject: t("letterLimit.subject"),
    paragraphs: [t("letterLimit.body"), t("letterLimit.tomorrow")],
  });
}

/** The letter itself, to one decision maker: the sender's words, and who to reply to. */
export function renderLetterToTarget(ctx: MailContext, data: MailIntents["letter"]): RenderedMail {
  const t = emailT(ctx.lng);
  return layoutMail(ctx, {
    subject: data.subject,
    paragraphs: [...paragraphsOf(data.text), "—", t("letter.footer", { name: data.senderName, email: data.senderEmail })],
  });
}

/** The sender's copy: what was sent, to whom, and which of them get it in their daily digest. */
export function renderLetterReceipt(ctx: MailContext, data: MailIntents["letter-receipt"]): RenderedMail {
  const t = emailT(ctx.lng);
  const direct = data.recipients;
  const inDigest = data.digestRecipients;
  return layoutMail(ctx, {
    subject: t("letterReceipt.subject", { subject: data.subject }),
    paragraphs: [
      ...(direct.length > 0 ? [t("letterReceipt.body", { count: direct.length }), ...direct.map((r) => `• ${r}`)] : []),
      ...(inDigest.length > 0 ? [t("letterReceipt.digest", { count: inDigest.length }), ...inDigest.map((r) => `• ${r}`)] : []),
      t("letterReceipt.copy"),
      ...paragraphsOf(data.text),
    ],
    action: { label: t("letterReceipt.action"), url: letterStatusUrlFor(data.letterId, ctx.publicUrl, ctx.lng, secretsOf(ctx)) },
  });
}

type DigestEntry = MailIntents["letter-digest"]["entries"][number];

/** To one decision maker, once a day: how many people wrote, and each one's own words. */
export function renderLetterDigest(ctx: MailContext, data: MailIntents["letter-digest"]): RenderedMail {
  const t = emailT(ctx.lng);
  const { count, entries } = data;
  const signed = (e: DigestEntry) => `— ${e.city ? `${e.name}, ${e.city}` : e.name}`;
  return layoutMail(ctx, {
    subject: t("letterDigest.subject", { count, subject: data.subject }),
    paragraphs: [
      t("letterDigest.intro", { count, country: data.countryName, subject: data.subject }),
      ...entries.flatMap((e) => [...paragraphsOf(e.paragraph), signed(e)]),
      ...(count > entries.length ? [t("letterDigest.more", { count: count - entries.length })] : []),
      "—",
      t("letterDigest.footer"),
    ],
  });
}

/** Two weeks on: did the people written to answer? The answer feeds the public reply rates. */
export function renderLetterFollowup(ctx: MailContext, data: MailIntents["letter-followup"]): RenderedMail {
  const t = emailT(ctx.lng);
  const { targets, subject } = data;
  return layoutMail(ctx, {
    subject: t("letterFollowup.subject", { subject }),
    paragraphs: [t("letterFollowup.body", { count: targets.length, subject }), ...targets.map((r) => `• ${r}`), t("letterFollowup.why")],
    action: { label: t("letterFollowup.action"), url: letterStatusUrlFor(data.letterId, ctx.publicUrl, ctx.lng, secretsOf(ctx)) },
  });
}
