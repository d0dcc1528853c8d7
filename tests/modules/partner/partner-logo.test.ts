import { Resvg } from "@resvg/resvg-js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { LOGO_BOX, LOGO_MAX_BYTES, renderPartnerLogo, selfContainedSvg } from "~/modules/partner/partner-logo.server";

const enc = (text: string) => new TextEncoder().encode(text);
const drawPng = (svg: string) => new Uint8Array(new Resvg(svg).render().asPng());
const RED_PNG = drawPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#ff0000"/></svg>');

/** The pixels of a PNG, decoded by drawing it again. */
function pixelsOf(png: Uint8Array): { width: number; height: number; pixels: Buffer } {
  const probe = Buffer.from(png);
  const width = probe.readUInt32BE(16);
  const height = probe.readUInt32BE(20);
  const image = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${probe.toString("base64")}"/></svg>`).render();
  return { width, height, pixels: image.pixels };
}
const countPixels = (png: Uint8Array, match: (r: number, g: number, b: number, a: number) => boolean) => {
  const { pixels } = pixelsOf(png);
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (match(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!)) n++;
  return n;
};
const reddish = (r: number, g: number, b: number, a: number) => a > 0 && r > 200 && g < 80 && b < 80;
const bluish = (r: number, g: number, b: number, a: number) => a > 0 && b > 200 && r < 80 && g < 80;

/** A PNG with a text chunk (a comment a person could hide anything in) after its header. */
function withTextChunk(png: Uint8Array, text: string): Uint8Array {
  const bytes = Buffer.from(png);
  const data = Buffer.concat([Buffer.from("tEXt"), Buffer.from(`Comment\0${text}`, "latin1")]);
  const chunk = Buffer.alloc(data.length + 8);
  chunk.writeUInt32BE(data.length - 4, 0);
  data.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(data), data.length + 4);
  const afterHeader = 8 + 25;
  return new Uint8Array(Buffer.concat([bytes.subarray(0, afterHeader), chunk, bytes.subarray(afterHeader)]));
}

describe("a partner's logo", () => {
  it("draws an SVG with a script and outside images into a PNG with neither", () => {
    // A local file an <image> names by its absolute path would be read by resvg: it must not be.
    const dir = mkdtempSync(join(tmpdir(), "logo-"));
    writeFileSync(join(dir, "red.png"), RED_PNG);
    const svg = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100" onload="alert('onload')">
  <script type="text/javascript">alert('script in logo')</script>
  <rect x="0" y="0" width="100" height="100" fill="#0000ff"/>
  <image x="100" y="0" width="100" height="100" href="https://tracker.example/pixel.png"/>
  <image x="100" y="0" width="100" height="100" xlink:href="${join(dir, "red.png")}"/>
  <image x="100" y="0" width="100" height="100" xlink:href="file://${join(dir, "red.png")}"/>
  <image x="100" y="0" width="100" height="100" href="&#47;${join(dir, "red.png").slice(1)}"/>
</svg>`;
    // What the check itself removes: every outside reference, each spelling.
    expect(selfContainedSvg(svg)).not.toContain("red.png");
    expect(selfContainedSvg(svg)).not.toContain("tracker.example");
    const logo = renderPartnerLogo(enc(svg));
    if (!logo.ok) throw new Error(logo.problem);
    expect(Buffer.from(logo.png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(logo.width).toBeLessThanOrEqual(LOGO_BOX.width);
    expect(logo.height).toBeLessThanOrEqual(LOGO_BOX.height);
    expect(countPixels(logo.png, bluish)).toBeGreaterThan(1000);
    expect(countPixels(logo.png, reddish)).toBe(0);
    const bytes = Buffer.from(logo.png).toString("latin1");
    for (const word of ["script", "alert", "onload", "tracker", "red.png", "svg"]) expect(bytes).not.toContain(word);
  });

  it("the same SVG with its local image left in would show it: the test above can fail", () => {
    const dir = mkdtempSync(join(tmpdir(), "logo-"));
    writeFileSync(join(dir, "red.png"), RED_PNG);
    const raw = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><image width="100" height="50" href="${join(dir, "red.png")}"/></svg>`;
    expect(countPixels(new Uint8Array(new Resvg(raw).render().asPng()), reddish)).toBeGreaterThan(0);
    expect(renderPartnerLogo(enc(raw))).toEqual({ ok: false, problem: "logo_not_rendered" });
  });

  it("keeps an image embedded in the SVG itself, and references within it", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><defs><rect id="r" width="40" height="40" fill="#0000ff"/></defs><use href="#r"/><image x="40" width="40" height="40" href="data:image/png;base64,${Buffer.from(RED_PNG).toString("base64")}"/></svg>`;
    const logo = renderPartnerLogo(enc(svg));
    if (!logo.ok) throw new Error(logo.problem);
    expect(countPixels(logo.png, bluish)).toBeGreaterThan(100);
    expect(countPixels(logo.png, reddish)).toBeGreaterThan(100);
  });

  it("re-encodes a PNG: its pixels stay, anything else in the file goes, and it fits the box", () => {
    const upload = withTextChunk(drawPng('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="100"><rect width="1000" height="100" fill="#0000ff"/></svg>'), "hidden words");
    expect(Buffer.from(upload).toString("latin1")).toContain("hidden words");
    const logo = renderPartnerLogo(upload);
    if (!logo.ok) throw new Error(logo.problem);
    expect({ width: logo.width, height: logo.height }).toEqual({ width: 400, height: 40 });
    expect(Buffer.from(logo.png).toString("latin1")).not.toContain("hidden words");
    expect(countPixels(logo.png, bluish)).toBe(400 * 40);
  });

  it("refuses what is not a PNG or an SVG", () => {
    for (const upload of [enc("hello"), enc("<html><body><svg></svg></body></html>"), enc("GIF89a......"), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), new Uint8Array(0)]) {
      expect(renderPartnerLogo(upload)).toEqual({ ok: false, problem: "logo_not_image" });
    }
  });

  it("refuses what does not draw: a broken PNG, an empty SVG, a broken SVG", () => {
    const broken = RED_PNG.slice(0, 60);
    expect(renderPartnerLogo(broken)).toEqual({ ok: false, problem: "logo_not_rendered" });
    expect(renderPartnerLogo(enc('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'))).toEqual({ ok: false, problem: "logo_not_rendered" });
    expect(renderPartnerLogo(enc('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect'))).toEqual({ ok: false, problem: "logo_not_rendered" });
  });

  it("refuses an SVG that defines entities (they could spell a reference), and draws one with a plain DOCTYPE", () => {
    const svg = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY where "/etc/hostname">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="&where;" width="10" height="10"/><rect width="10" height="10"/></svg>`;
    expect(renderPartnerLogo(enc(svg))).toEqual({ ok: false, problem: "logo_unsafe" });
    const exported = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: a drawing program -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`;
    expect(renderPartnerLogo(enc(exported)).ok).toBe(true);
  });

  it("refuses an upload over the size limit, and a PNG too large to decode", () => {
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(enc('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'));
    expect(renderPartnerLogo(big)).toEqual({ ok: false, problem: "logo_too_large" });
    const huge = Buffer.from(RED_PNG);
    huge.writeUInt32BE(50_000, 16);
    expect(renderPartnerLogo(new Uint8Array(huge))).toEqual({ ok: false, problem: "logo_too_large" });
  });
});
