import { textDirection } from "../app/lib/i18n/languages";
import { emailT } from "./translate";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailContext {
  lng: string;
  /** Absolute base URL for links. */
  publicUrl: string;
  /** One-click unsubscribe link; absent for transactional one-offs. */
  unsubscribeUrl?: string;
  /**
   * Secrets that sign action links (confirm, withdraw). Links are made when the
   * mail is sent, so the outbox stores ids, never a working link.
   */
  signingSecrets?: readonly string[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** No line breaks in a header: a name with CR/LF must not add headers. */
export function singleLine(text: string, max = 200): string {
  return text.replace(/[\r\n\t]+/g, " ").trim().slice(0, max);
}

/**
 * The shared frame of every mail: plain text first, a simple HTML twin with
 * the same words, the sender identity and, where wanted, an unsubscribe link.
 */
export function layoutMail(
  ctx: MailContext,
  content: {
    subject: string;
    paragraphs: string[];
    action?: { label: string; url: string };
    /** Quieter links after the action (e.g. "it wasn't me"). */
    links?: { label: string; url: string }[];
    /** What the unsubscribe link stops, when it is not all mail (a followed country). */
    unsubscribeLabel?: string;
  },
): RenderedMail {
  const t = emailT(ctx.lng);
  const footer = [t("layout.sentBy", { site: t("layout.siteName"), url: ctx.publicUrl })];
  if (ctx.unsubscribeUrl) footer.push(`${content.unsubscribeLabel ?? t("layout.unsubscribe")}: ${ctx.unsubscribeUrl}`);
  const text = [
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...(content.links ?? []).map((link) => `${link.label}:\n${link.url}`),
    "--",
    ...footer,
  ].join("\n\n");
  const dir = textDirection(ctx.lng);
  const html = `<!doctype html>
<html lang="${escapeHtml(ctx.lng)}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f5f8;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" style="max-width:560px;background:#ffffff;border-radius:6px" cellpadding="0" cellspacing="0">
<tr><td style="background:#1d4e89;color:#ffffff;padding:16px 24px;font-weight:700;font-size:18px;border-radius:6px 6px 0 0">${escapeHtml(t("layout.siteName"))}</td></tr>
<tr><td style="padding:24px;font-size:16px;line-height:1.5">
${content.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join("\n")}
${content.action ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#1d4e89;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(content.action.label)}</a></p>` : ""}
${(content.links ?? []).map((link) => `<p style="margin:0 0 16px;font-size:14px"><a href="${escapeHtml(link.url)}" style="color:#0b57a4">${escapeHtml(link.label)}</a></p>`).join("\n")}
</td></tr>
<tr><td style="padding:16px 24px;font-size:13px;color:#4a4f55;border-top:1px solid #c9d0d8">
${footer.map((line) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`).join("\n")}
</td></tr></table></td></tr></table>
</body></html>`;
  return { subject: singleLine(content.subject), text, html };
}
