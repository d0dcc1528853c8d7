/**
 * A receipt carried in a link's fragment, `#receipt=<base64url of the receipt's JSON>`: the confirm
 * page links to the verify page this way, and a fragment never reaches the server, so the receipt
 * stays between the signer and their browser. The same in Node and in the browser.
 */
import { utf8 } from "./bytes";
import type { Receipt } from "./receipt";

const PARAMETER = "receipt";

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/u, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/u.test(text) || text.length % 4 === 1) return null;
  const padded = text.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return null;
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** `receipt=…`, to put after `#` in a link to the verify page. */
export function receiptFragment(receipt: Receipt): string {
  return `${PARAMETER}=${toBase64Url(utf8(JSON.stringify(receipt)))}`;
}

/**
 * The receipt's JSON text from a location's fragment (`#receipt=…`, with or without the `#`, among
 * other `&`-separated parameters); null when there is none or it is not base64url of UTF-8 text.
 * Whether the text is a valid receipt is `parseReceipt`'s to say, with its reason.
 */
export function receiptTextFromFragment(hash: string): string | null {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  const value = fragment
    .split("&")
    .find((part) => part.startsWith(`${PARAMETER}=`))
    ?.slice(PARAMETER.length + 1);
  if (value === undefined || value === "") return null;
  const bytes = fromBase64Url(value);
  if (bytes === null) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
