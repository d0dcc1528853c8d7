/**
 * `npx tsx bench/partner-logo.ts [--runs 20]`: how long drawing an uploaded partner logo takes
 * (an admin waits for it once per upload): a typical SVG logo, an SVG with text, and a PNG near
 * the size limit, each drawn into the 400 × 160 PNG we keep. Prints milliseconds per logo.
 */
import { Resvg } from "@resvg/resvg-js";
import { randomBytes } from "node:crypto";
import { renderPartnerLogo } from "../app/modules/partner/partner-logo.server";
import { arg } from "./support";

const runs = arg("runs", 20);
const enc = (text: string) => new TextEncoder().encode(text);
const paths = Array.from({ length: 200 }, (_, i) => `<circle cx="${(i * 37) % 600}" cy="${(i * 53) % 200}" r="${5 + (i % 20)}" fill="#${((i * 99991) % 0xffffff).toString(16).padStart(6, "0")}"/>`).join("");
const svg = enc(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200">${paths}</svg>`);
const withText = enc(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><rect width="600" height="200" fill="#123"/><text x="20" y="120" font-size="72" fill="#fff">Rights Coalition</text></svg>`);
const big = (() => {
  // A PNG that hardly compresses (random colours in small squares), a few hundred KB.
  const cells = 160;
  const size = 960;
  const step = size / cells;
  let rects = "";
  for (let y = 0; y < cells; y++) for (let x = 0; x < cells; x++) rects += `<rect x="${x * step}" y="${y * step}" width="${step}" height="${step}" fill="#${randomBytes(3).toString("hex")}"/>`;
  return new Uint8Array(new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">${rects}</svg>`).render().asPng());
})();

for (const [name, upload] of [
  ["SVG, 200 shapes", svg],
  ["SVG with text", withText],
  [`PNG 960×960, ${Math.round(big.byteLength / 1024)} KB`, big],
] as const) {
  const first = renderPartnerLogo(upload);
  if (!first.ok) throw new Error(`${name}: ${first.problem}`);
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) renderPartnerLogo(upload);
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / runs;
  console.log(`${name}: ${ms.toFixed(1)} ms per logo → ${first.width}×${first.height}, ${(first.png.byteLength / 1024).toFixed(1)} KB kept`);
}
