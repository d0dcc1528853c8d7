import { signValue, verifySignedValue } from "../signed-token.server";

/**
 * The unsubscribe link of an update's mail names the update and the person's row it went to
 * (a signature, a letter, or a follow), signed with our secret: it cannot be guessed or forged,
 * and nothing secret is stored. What it stops is decided on the row (`app/modules/updates`).
 */
const UNSUBSCRIBE = "update-unsubscribe";

export type UpdatePersonKind = "s" | "l" | "f";

export interface UpdateRecipient {
  updateId: string;
  kind: UpdatePersonKind;
  personId: string;
}

const valueOf = (r: UpdateRecipient) => `update:${r.updateId}:${r.kind}${r.personId}`;

export function updateUnsubscribeToken(recipient: UpdateRecipient, secrets: readonly string[]): string {
  return signValue(UNSUBSCRIBE, valueOf(recipient), secrets);
}

export function updateUnsubscribeUrlFor(recipient: UpdateRecipient, publicUrl: string, lng: string, secrets: readonly string[]): string {
  return `${publicUrl}/unsubscribe/${updateUnsubscribeToken(recipient, secrets)}?lng=${lng}`;
}

export function updateRecipientFromToken(token: string, secrets: readonly string[]): UpdateRecipient | null {
  const value = verifySignedValue(UNSUBSCRIBE, token, secrets);
  const match = value ? /^update:(\d{1,18}):([slf])(\d{1,18})$/u.exec(value) : null;
  return match
    ? {
        updateId: match[1]!,
        kind: match[2] as UpdatePersonKind,
        personId: match[3]!,
      }
    : null;
}
