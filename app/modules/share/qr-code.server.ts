import QRCode from "qrcode";
import type { EmbedKind } from "./embed-protocol";
import { escapeAttribute } from "./embed-snippet";

/** Drawn size when opened as is; an SVG scales without loss to any poster. */
const QR_PIXELS = 512;

/**
 * A QR code of `url` as an SVG document: black modules on white with the
 * standard quiet zone (4 modules), error correction level M (a flyer may be
 * folded or smudged), and the URL as its title for screen readers.
 */
export async function qrCodeSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4, width: QR_PIXELS, color: { dark: "#000000", light: "#ffffff" } });
  return svg.replace(/^<svg\b([^>]*)>/u, (_match, attributes: string) => `<svg${attributes} role="img"><title>${escapeAttribute(url)}</title>`);
}

/** The downloaded file's name: which campaign, and which code when there is one. */
export function qrFileName(kind: EmbedKind, slug: string, ref: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/gu, "-");
  return `treatywatch-${kind}-${safe(slug)}${ref ? `-${safe(ref)}` : ""}-qr.svg`;
}
