import { Resvg } from "@resvg/resvg-js";
import jsQR from "jsqr";

/** Draws an SVG QR code and reads it back with a decoder, as a phone's camera would; null if it reads nothing. */
export function decodeQrSvg(svg: string): string | null {
  const image = new Resvg(svg, { fitTo: { mode: "width", value: 400 } }).render();
  return jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height)?.data ?? null;
}
