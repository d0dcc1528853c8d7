import { signValue, verifySignedValue } from "../signed-token.server";

/**
 * Links in follow mail carry the follow's id signed with our secret, like a signature's: they
 * cannot be guessed or forged, and nothing secret is stored. Single use and expiry are rules
 * on the row (`app/modules/follow/follow-status.ts`).
 */
const CONFIRM = "confirm";
const UNSUBSCRIBE = "follow-unsubscribe";

const valueOf = (followId: string) => `follow:${followId}`;

function idFrom(purpose: string, token: string, secrets: readonly string[]): string | null {
  const value = verifySignedValue(purpose, token, secrets);
  const match = value ? /^follow:(\d{1,18})$/u.exec(value) : null;
  return match ? match[1]! : null;
}

/** Confirm links of follows share `/confirm/:token` with signatures and letters; the signed payload says which. */
export function followConfirmUrlFor(followId: string, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return `${publicUrl}/confirm/${signValue(CONFIRM, valueOf(followId), secrets)}?lng=${lng}`;
}

export const followIdFromConfirmToken = (token: string, secrets: readonly string[]) => idFrom(CONFIRM, token, secrets);

/** The token of `/unsubscribe/:token` for one follow: stops news of that country (or, by choice, more). */
export function followUnsubscribeToken(followId: string, secrets: readonly string[]): string {
  return signValue(UNSUBSCRIBE, valueOf(followId), secrets);
}

export function followUnsubscribeUrlFor(followId: string, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return `${publicUrl}/unsubscribe/${followUnsubscribeToken(followId, secrets)}?lng=${lng}`;
}

export const followIdFromUnsubscribeToken = (token: string, secrets: readonly string[]) => idFrom(UNSUBSCRIBE, token, secrets);
