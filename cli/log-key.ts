/**
 * The log signing key (docs/transparency.md, "Keys and rotation").
 *   npm run log-key            the configured key's id and public key, to publish
 *   npm run log-key -- --new   a new key: its PEM on one line (for LOG_SIGNING_KEY), its id and public key
 */
import { loadConfigOrExit } from "../app/lib/config.server";
import { toHex } from "../app/modules/transparency/bytes";
import { generateLogSigningKey, logSigningKeyFromPem, type LogSigningKey } from "../app/modules/transparency/checkpoint.server";

function describe(key: LogSigningKey): string {
  return `key id:     ${key.keyId}\npublic key: ${toHex(key.rawPublicKey)} (Ed25519, raw, hex)`;
}

const args = process.argv.slice(2);
if (args.includes("--new")) {
  const { key, pem } = generateLogSigningKey();
  console.log(`LOG_SIGNING_KEY="${pem.trim().replace(/\n/gu, "\\n")}"`);
  console.log(describe(key));
} else if (args.length > 0) {
  console.error("usage: npm run log-key [-- --new]");
  process.exit(2);
} else {
  const pem = loadConfigOrExit({ purpose: "command" }).transparency.signingKeyPem;
  if (pem === undefined) {
    console.error("no log signing key is configured (set LOG_SIGNING_KEY; a local trial makes one on its first start)");
    process.exit(1);
  }
  console.log(describe(logSigningKeyFromPem(pem)));
}
