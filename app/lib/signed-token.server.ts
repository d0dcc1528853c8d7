import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A token that carries a value and proves we issued it: `value.signature`,
 * both base64url. Signed with the first secret, accepted with any (rotation).
 */
export function signValue(purpose: string, value: string, secrets: readonly string[]): string {
  const secret = secrets[0];
  if (!secret) throw new Error("No signing secret configured");
  const payload = Buffer.from(value, "utf8").toString("base64url");
  return `${payload}.${mac(purpose, payload, secret)}`;
}

export function verifySignedValue(purpose: string, token: string, secrets: readonly string[]): string | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, "base64url");
  for (const secret of secrets) {
    const expected = Buffer.from(mac(purpose, payload, secret), "base64url");
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      return Buffer.from(payload, "base64url").toString("utf8");
    }
  }
  return null;
}

function mac(purpose: string, payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${payload}`).digest("base64url");
}
