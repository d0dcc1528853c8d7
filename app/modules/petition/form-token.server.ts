import { signValue, verifySignedValue } from "../../lib/signed-token.server";

const PURPOSE = "sign-form";

/**
 * A hidden field in every sign form: proves the form came from us, for this
 * petition, and when it was served (too fast a submission is a bot's).
 */
export function issueFormToken(petitionId: number, now: Date, secrets: readonly string[]): string {
  return signValue(PURPOSE, `${petitionId}.${now.getTime()}`, secrets);
}

export type FormTokenCheck = { ok: true; fillMs: number } | { ok: false };

export function checkFormToken(token: string, petitionId: number, now: Date, maxAgeMs: number, secrets: readonly string[]): FormTokenCheck {
  const value = verifySignedValue(PURPOSE, token, secrets);
  const match = value ? /^(\d+)\.(\d+)$/u.exec(value) : null;
  if (!match || Number(match[1]) !== petitionId) return { ok: false };
  const fillMs = now.getTime() - Number(match[2]);
  // A token from the future was not made by this clock; an old one belongs to a stale page.
  if (fillMs < -60_000 || fillMs > maxAgeMs) return { ok: false };
  return { ok: true, fillMs };
}
