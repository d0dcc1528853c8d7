import { letterConfirmUrlFor, letterStatusUrlFor } from "../app/lib/links/letter-links.server";
import { layoutMail, type MailContext, type RenderedMail } from "./layout";
import { emailT } from "./translate";

const text = (data: Record<string, unknown>, key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
const strings = (data: Record<string, unknown>, key: string) => {
  const value = data[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};
/** The letter a mail is about; its links are signed when the mail is sent. */
function letterIdOf(ctx: MailContext, data: Record<string, unknown>): { id: string; secrets: readonly string[] } {
  const id = text(data, "letterId");
  if (!/^\d+$/u.test(id) || !ctx.signingSecrets) throw new Error("This letter mail needs a letter id and signing secrets");
  return { id, secrets: ctx.signingSecrets };
}
/** A letter's paragraphs, as the layout shows paragraphs. */
const paragraphsOf = (letter: string) => letter.split(/\n{2,}/u).filter((p) => p.trim() !== "");

/** "Confirm your letter": nothing goes to a decision maker until the sender says so. */
export function renderLetterConfirm(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  const { id, secrets } = letterIdOf(ctx, data);
  const recipients = typeof data.recipients === "number" ? data.recipients : 1;
  return layoutMail(ctx, {
    subject: t("letterConfirm.subject", { subject: text(data, "subject") }),
    paragraphs: [t("letterConfirm.body", { count: recipients }), t("letterConfirm.expiry", { count: typeof data.linkDays === "number" ? data.linkDays : 7 })],
    action: { label: t("letterConfirm.action"), url: letterConfirmUrlFor(id, ctx.publicUrl, ctx.lng, secrets) },
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
export function renderLetterToTarget(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  return layoutMail(ctx, {
    subject: text(data, "subject"),
    paragraphs: [...paragraphsOf(text(data, "text")), "—", t("letter.footer", { name: text(data, "senderName"), email: text(data, "senderEmail") })],
  });
}

/** The sender's copy: what was sent, to whom, and which of them get it in their daily digest. */
export function renderLetterReceipt(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  const { id, secrets } = letterIdOf(ctx, data);
  const direct = strings(data, "recipients");
  const inDigest = strings(data, "digestRecipients");
  return layoutMail(ctx, {
    subject: t("letterReceipt.subject", { subject: text(data, "subject") }),
    paragraphs: [
      ...(direct.length > 0 ? [t("letterReceipt.body", { count: direct.length }), ...direct.map((r) => `• ${r}`)] : []),
      ...(inDigest.length > 0 ? [t("letterReceipt.digest", { count: inDigest.length }), ...inDigest.map((r) => `• ${r}`)] : []),
      t("letterReceipt.copy"),
      ...paragraphsOf(text(data, "text")),
    ],
    action: { label: t("letterReceipt.action"), url: letterStatusUrlFor(id, ctx.publicUrl, ctx.lng, secrets) },
  });
}

interface DigestEntry {
  name: string;
  city: string | null;
  paragraph: string;
}

function digestEntries(data: Record<string, unknown>): DigestEntry[] {
  const value = data.entries;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is DigestEntry => typeof e === "object" && e !== null && typeof (e as DigestEntry).name === "string" && typeof (e as DigestEntry).paragraph === "string",
  );
}

/** To one decision maker, once a day: how many people wrote, and each one's own words. */
export function renderLetterDigest(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  const count = typeof data.count === "number" ? data.count : 0;
  const entries = digestEntries(data);
  const signed = (e: DigestEntry) => `— ${e.city ? `${e.name}, ${e.city}` : e.name}`;
  return layoutMail(ctx, {
    subject: t("letterDigest.subject", { count, subject: text(data, "subject") }),
    paragraphs: [
      t("letterDigest.intro", { count, country: text(data, "countryName"), subject: text(data, "subject") }),
      ...entries.flatMap((e) => [...paragraphsOf(e.paragraph), signed(e)]),
      ...(count > entries.length ? [t("letterDigest.more", { count: count - entries.length })] : []),
      "—",
      t("letterDigest.footer"),
    ],
  });
}

/** Two weeks on: did the people written to answer? The answer feeds the public reply rates. */
export function renderLetterFollowup(ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const t = emailT(ctx.lng);
  const { id, secrets } = letterIdOf(ctx, data);
  const targets = strings(data, "targets");
  return layoutMail(ctx, {
    subject: t("letterFollowup.subject", { subject: text(data, "subject") }),
    paragraphs: [t("letterFollowup.body", { count: targets.length, subject: text(data, "subject") }), ...targets.map((r) => `• ${r}`), t("letterFollowup.why")],
    action: { label: t("letterFollowup.action"), url: letterStatusUrlFor(id, ctx.publicUrl, ctx.lng, secrets) },
  });
}
