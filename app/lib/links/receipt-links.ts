/**
 * Where a signer checks their receipt: the petition's verify page, the receipt in the URL's
 * fragment (`#receipt=<base64url of its JSON>`), which browsers never send to a server, so the
 * receipt stays on the signer's device even when the page is served to anyone.
 */
export const RECEIPT_FRAGMENT = "receipt";

/** The receipt's JSON as the verify page reads it: one line, the fields in the contract's order. */
export function receiptText(receipt: object): string {
  return JSON.stringify(receipt);
}

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
export function receiptFragment(receipt: object): string {
  return `${RECEIPT_FRAGMENT}=${toBase64Url(new TextEncoder().encode(receiptText(receipt)))}`;
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
    .find((part) => part.startsWith(`${RECEIPT_FRAGMENT}=`))
    ?.slice(RECEIPT_FRAGMENT.length + 1);
  if (value === undefined || value === "") return null;
  const bytes = fromBase64Url(value);
  if (bytes === null) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** `/:lng/petitions/:slug/verify#receipt=…`, from the site's root. */
export function receiptVerifyPath(lng: string, slug: string, receipt: object): string {
  return `/${lng}/petitions/${encodeURIComponent(slug)}/verify#${receiptFragment(receipt)}`;
}

/** The file name a downloaded receipt is saved under. */
export function receiptFileName(slug: string): string {
  return `treaty-watch-receipt-${slug}.json`;
}
