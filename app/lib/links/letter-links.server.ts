import { signValue, verifySignedValue } from "../signed-token.server";

/** A signed link naming one letter, for one purpose: whoever holds it acts for that letter's sender. */
function letterLink(purpose: string) {
  return {
    sign: (letterId: string, secrets: readonly string[]) => signValue(purpose, `letter:${letterId}`, secrets),
    read(token: string, secrets: readonly string[]): string | null {
      const value = verifySignedValue(purpose, token, secrets);
      const match = value ? /^letter:(\d{1,18})$/u.exec(value) : null;
      return match ? match[1]! : null;
    },
  };
}

/** Confirm links of letters share `/confirm/:token` with signatures; the signed payload says which. */
const confirmLink = letterLink("confirm");
/** The sender's page for one letter: where it went, and "did you get a reply?". */
const statusLink = letterLink("letter-status");

export function letterConfirmUrlFor(letterId: string, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return `${publicUrl}/confirm/${confirmLink.sign(letterId, secrets)}?lng=${lng}`;
}

export const letterIdFromConfirmToken = confirmLink.read;

export function letterStatusUrlFor(letterId: string, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return `${publicUrl}/letters/status/${statusLink.sign(letterId, secrets)}?lng=${lng}`;
}

export const letterIdFromStatusToken = statusLink.read;
