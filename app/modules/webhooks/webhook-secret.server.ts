import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * A subscription's signing secret must be readable to sign each delivery, so it cannot be hashed
 * like an API key. It is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the
 * deployment's newest session secret. Opening tries every configured session secret, newest first,
 * so rotating SESSION_SECRET while keeping the old one listed after it keeps subscriptions working;
 * once an old secret is removed, the subscriptions sealed under it can no longer sign and must be
 * created again (docs/webhooks.md, "Rotating the deployment secret").
 */
const SEAL_VERSION = "v1";

function sealingKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", sessionSecret, "treatywatch webhook secrets", "webhook-secret-seal v1", 32));
}

/** A new signing secret, shown once to whoever subscribed. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** `v1.<iv>.<ciphertext>.<tag>` (base64url), sealed under the newest session secret. */
export function sealWebhookSecret(secret: string, sessionSecrets: readonly string[]): string {
  const newest = sessionSecrets[0];
  if (!newest) throw new Error("No session secret to seal webhook secrets with");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(newest), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [SEAL_VERSION, iv.toString("base64url"), sealed.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The secret, or null when no configured session secret opens the seal (it was rotated away, or the value was altered). */
export function openWebhookSecret(sealed: string, sessionSecrets: readonly string[]): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== SEAL_VERSION || !iv || !body || !tag) return null;
  for (const secret of sessionSecrets) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", sealingKey(secret), Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      // Not this secret: try the next (older) one.
    }
  }
  return null;
}
