import { signValue, verifySignedValue } from "../../lib/signed-token.server";

/** Confirm links of letters share `/confirm/:token` with signatures; the signed payload says which. */
const CONFIRM = "confirm";

export function letterConfirmUrlFor(letterId: string, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return `${publicUrl}/confirm/${signValue(CONFIRM, `letter:${letterId}`, secrets)}?lng=${lng}`;
}

export function letterIdFromConfirmToken(token: string, secrets: readonly string[]): string | null {
  const value = verifySignedValue(CONFIRM, token, secrets);
  const match = value ? /^letter:(\d{1,18})$/u.exec(value) : null;
  return match ? match[1]! : null;
}
