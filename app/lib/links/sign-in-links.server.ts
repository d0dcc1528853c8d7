import { signValue, verifySignedValue } from "../signed-token.server";

const PURPOSE = "organizer-sign-in";

/** The link in a sign-in mail: the sign-in request's id, signed. Single use and expiry live on the row. */
export function signInUrlFor(signInId: string, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return `${publicUrl}/${lng}/organize/sign-in/${signValue(PURPOSE, `sign-in:${signInId}`, secrets)}`;
}

export function signInIdFromToken(token: string, secrets: readonly string[]): string | null {
  const value = verifySignedValue(PURPOSE, token, secrets);
  const match = value ? /^sign-in:(\d{1,18})$/u.exec(value) : null;
  return match ? match[1]! : null;
}
