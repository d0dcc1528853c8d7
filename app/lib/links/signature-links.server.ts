import { signValue, verifySignedValue } from "../signed-token.server";

/**
 * Links in signature mail carry the signature id signed with our secret: they
 * cannot be guessed or forged, and nothing secret is stored beside the row.
 * Single use and expiry are rules on the row (petition/signature-status.ts).
 */
const CONFIRM = "confirm";
const WITHDRAW = "withdraw";

export function confirmUrlFor(signatureId: string, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return `${publicUrl}/confirm/${signValue(CONFIRM, `signature:${signatureId}`, secrets)}?lng=${lng}`;
}

export function withdrawUrlFor(signatureId: string, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return `${publicUrl}/withdraw/${signValue(WITHDRAW, `signature:${signatureId}`, secrets)}?lng=${lng}`;
}

function idFrom(purpose: string, token: string, secrets: readonly string[]): string | null {
  const value = verifySignedValue(purpose, token, secrets);
  const match = value ? /^signature:(\d{1,18})$/u.exec(value) : null;
  return match ? match[1]! : null;
}

export const signatureIdFromConfirmToken = (token: string, secrets: readonly string[]) => idFrom(CONFIRM, token, secrets);
export const signatureIdFromWithdrawToken = (token: string, secrets: readonly string[]) => idFrom(WITHDRAW, token, secrets);
