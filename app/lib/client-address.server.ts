import { createHmac } from "node:crypto";

/**
 * A keyed hash of a client address: the same address gives the same value (for
 * rate limits and moderation), but the address cannot be read back from it
 * without the secret, and a dictionary of all IPv4 addresses is useless without it.
 */
export function hashClientAddress(address: string, secrets: readonly string[]): string {
  const secret = secrets[0];
  if (!secret) throw new Error("No signing secret configured");
  return createHmac("sha256", secret).update(`client-address:${address}`).digest("base64url").slice(0, 22);
}
