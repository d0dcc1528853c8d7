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

function base64Url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/u, "");
}

/** `/:lng/petitions/:slug/verify#receipt=…`, from the site's root. */
export function receiptVerifyPath(lng: string, slug: string, receipt: object): string {
  return `/${lng}/petitions/${encodeURIComponent(slug)}/verify#${RECEIPT_FRAGMENT}=${base64Url(receiptText(receipt))}`;
}

/** The file name a downloaded receipt is saved under. */
export function receiptFileName(slug: string): string {
  return `treaty-watch-receipt-${slug}.json`;
}
