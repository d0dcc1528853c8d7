import { signValue, verifySignedValue } from "../../lib/signed-token.server";

/** Which public form a token belongs to: a petition's sign form, a letter campaign's form, a country's follow form (by treaty). */
export type FormKind = "sign" | "letter" | "follow";

const PURPOSES: Record<FormKind, string> = { sign: "sign-form", letter: "letter-form", follow: "follow-form" };

/** The honeypot: hidden from people (CSS and aria), filled in by naive bots. */
export const HONEYPOT_FIELD = "website";

/**
 * A hidden field in every public form that stores what people send (sign,
 * write a letter): proves the form came from us, for this petition or
 * campaign, and when it was served (too fast a submission is a bot's).
 */
export function issueFormToken(id: number, now: Date, secrets: readonly string[], kind: FormKind = "sign"): string {
  return signValue(PURPOSES[kind], `${id}.${now.getTime()}`, secrets);
}

export type FormTokenCheck = { ok: true; fillMs: number } | { ok: false };

export function checkFormToken(
  token: string,
  id: number,
  now: Date,
  maxAgeMs: number,
  secrets: readonly string[],
  kind: FormKind = "sign",
): FormTokenCheck {
  const value = verifySignedValue(PURPOSES[kind], token, secrets);
  const match = value ? /^(\d+)\.(\d+)$/u.exec(value) : null;
  if (!match || Number(match[1]) !== id) return { ok: false };
  const fillMs = now.getTime() - Number(match[2]);
  // A token from the future was not made by this clock; an old one belongs to a stale page.
  if (fillMs < -60_000 || fillMs > maxAgeMs) return { ok: false };
  return { ok: true, fillMs };
}

/** Whether a bot filled the field people never see. */
export function honeypotFilled(form: { get(name: string): unknown }): boolean {
  const value = form.get(HONEYPOT_FIELD);
  return typeof value === "string" && value !== "";
}
