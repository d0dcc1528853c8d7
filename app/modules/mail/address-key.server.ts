import { createHmac } from "node:crypto";
import { emailKey } from "./email-key";

/**
 * A keyed hash of a person's address, for rate-limit buckets and anything
 * else that must recognize the same person without storing the address: the
 * address is first reduced to its key (case folded, `+tags` dropped — the
 * way signatures are matched), so spellings of one mailbox count as one, and
 * without the secret the address cannot be checked against the value.
 */
export function addressLimitKey(email: string, secrets: readonly string[]): string {
  const secret = secrets[0];
  if (!secret) throw new Error("No signing secret configured");
  return createHmac("sha256", secret).update(`address:${emailKey(email)}`).digest("base64url").slice(0, 22);
}
