import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { signValue, verifySignedValue } from "../../lib/signed-token.server";
import { suppressAddress } from "./outbox.repo.server";

const PURPOSE = "unsubscribe";

/** A link that stops all further mail to this address, without sign-in. */
export function unsubscribeUrlFor(email: string, publicUrl: string, secrets: readonly string[]): string {
  return `${publicUrl}/unsubscribe/${signValue(PURPOSE, email.toLowerCase(), secrets)}`;
}

export type UnsubscribeCheck = { ok: true; email: string } | { ok: false; code: "invalid_link" };

export function checkUnsubscribeToken(token: string, secrets: readonly string[]): UnsubscribeCheck {
  const email = verifySignedValue(PURPOSE, token, secrets);
  return email ? { ok: true, email } : { ok: false, code: "invalid_link" };
}

/** Puts the address on the suppression list (as a keyed hash): queued mail to it will not be sent. Idempotent. */
export async function unsubscribe(db: Kysely<Database>, token: string, secrets: readonly string[]): Promise<UnsubscribeCheck> {
  const check = checkUnsubscribeToken(token, secrets);
  if (check.ok) await suppressAddress(db, check.email, "unsubscribed", secrets);
  return check;
}
