/**
 * The instance's checkpoint signing key (Ed25519, Node's crypto). The private key lives in the
 * server's configuration as PKCS#8 PEM; its public half is published (`GET /api/v1/log-key`).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { toHex } from "./bytes";
import { checkpointBody, keyIdOf, type Checkpoint, type LogPublicKey, type UnsignedCheckpoint } from "./checkpoint";

export type LogSigningKey = { keyId: string; privateKey: KeyObject; rawPublicKey: Uint8Array };

/** The last 32 bytes of an Ed25519 SPKI DER are the raw public key. */
function rawPublicKeyOf(key: KeyObject): Uint8Array {
  const der = createPublicKey(key).export({ format: "der", type: "spki" });
  return new Uint8Array(der.subarray(der.length - 32));
}

export function logSigningKeyFromPem(pem: string): LogSigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the log signing key must be an Ed25519 private key (PKCS#8 PEM)");
  const rawPublicKey = rawPublicKeyOf(privateKey);
  return { keyId: keyIdOf(rawPublicKey), privateKey, rawPublicKey };
}

/** A new key, and its PEM to keep in the configuration. */
export function generateLogSigningKey(): { key: LogSigningKey; pem: string } {
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  return { key: logSigningKeyFromPem(pem), pem };
}

export function publicKeyJson(key: LogSigningKey, activatedAt: string, retiredAt: string | null = null): LogPublicKey {
  return { keyId: key.keyId, algorithm: "Ed25519", publicKey: toHex(key.rawPublicKey), activatedAt, retiredAt };
}

/** Signs the checkpoint's text body; the key id in the body must be this key's. */
export function signCheckpoint(unsigned: Omit<UnsignedCheckpoint, "keyId">, key: LogSigningKey): Checkpoint {
  const body: UnsignedCheckpoint = { ...unsigned, keyId: key.keyId };
  const signature = sign(null, Buffer.from(checkpointBody(body), "utf8"), key.privateKey);
  return { ...body, signature: toHex(signature) };
}
