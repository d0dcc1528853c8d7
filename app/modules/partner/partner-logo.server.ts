/**
 * A partner's logo as we serve it: always a PNG we draw ourselves with resvg from what was
 * uploaded, never the upload. resvg runs no scripts (it has no script engine: `<script>` and
 * event attributes are ignored) and fetches nothing over the network (a remote `<image>` is
 * only listed by `imagesToResolve()`, which we never resolve). It does read a local file an
 * `<image>` names by absolute path, so an SVG whose references are not inside the file itself
 * (`#id`, or a PNG/JPEG/GIF data URI) is refused before drawing, and so is any DOCTYPE (entities
 * could spell such a reference). A PNG upload is drawn through an SVG that embeds it as a data
 * URI: what we keep is re-encoded, with nothing of the original file but its pixels.
 */
import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** Text in a logo is drawn with Noto Sans from the font package (never the system's fonts). */
const FONT_FILES = ["400Regular", "700Bold"].map((weight) => require.resolve(`@expo-google-fonts/noto-sans/${weight}/NotoSans_${weight}.ttf`));

/** The largest upload accepted (bytes). */
export const LOGO_MAX_BYTES = 512 * 1024;
/** The drawn logo fits in this box (pixels), keeping its proportions. */
export const LOGO_BOX = { width: 400, height: 160 } as const;
/** A PNG upload larger than this in either direction is refused before decoding. */
const MAX_SOURCE_SIDE = 4096;

export type LogoRefusal = "logo_too_large" | "logo_not_image" | "logo_unsafe" | "logo_not_rendered";
export type LogoResult = { ok: true; png: Uint8Array; width: number; height: number } | { ok: false; problem: LogoRefusal };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's header, or null when it is not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const SAFE_REFERENCE = /^(?:#|data:image\/(?:png|jpeg|gif);base64,)/iu;
const HREF_ATTRIBUTE = /\s(?:[\w.-]+:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')/giu;

const decodeXmlText = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/giu, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]+);/gu, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&(?:lt|gt|quot|apos|amp);/gu, (entity) => ({ "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&" })[entity]!);

/**
 * The SVG with every reference to something outside it removed (remote or local images, other
 * files), or null when it defines entities (which could spell one we would not see).
 */
export function selfContainedSvg(svg: string): string | null {
  if (/<!ENTITY|<!DOCTYPE[^>]*\[/iu.test(svg)) return null;
  return svg.replace(HREF_ATTRIBUTE, (attribute, double: string | undefined, single: string | undefined) =>
    SAFE_REFERENCE.test(decodeXmlText(double ?? single ?? "").trim()) ? attribute : " data-removed-reference=\"\"",
  );
}

function looksLikeSvg(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE\s+svg(?:[^>[]*|[^>[]*\[[\s\S]*?\]\s*)>)\s*)*<svg[\s>]/iu.test(text);
}

/** Draws `svg` to fit the logo box; null when nothing visible comes out. */
function draw(svg: string): { png: Uint8Array; width: number; height: number } | null {
  const options = { font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: "Noto Sans" } };
  let measured: Resvg;
  try {
    measured = new Resvg(svg, options);
  } catch {
    return null;
  }
  const { width, height } = measured;
  if (!(width > 0 && height > 0)) return null;
  const fitTo = width / height > LOGO_BOX.width / LOGO_BOX.height ? ({ mode: "width", value: LOGO_BOX.width } as const) : ({ mode: "height", value: LOGO_BOX.height } as const);
  const image = new Resvg(svg, { ...options, fitTo }).render();
  // A drawing with no visible pixel did not render (a broken embedded image, an empty file).
  const pixels = image.pixels;
  let visible = false;
  for (let i = 3; i < pixels.length; i += 4) {
    if (pixels[i] !== 0) {
      visible = true;
      break;
    }
  }
  if (!visible) return null;
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}

/** The logo we keep for an upload, or why it is refused. */
export function renderPartnerLogo(upload: Uint8Array): LogoResult {
  if (upload.byteLength > LOGO_MAX_BYTES) return { ok: false, problem: "logo_too_large" };
  const bytes = Buffer.from(upload.buffer, upload.byteOffset, upload.byteLength);
  const png = pngSize(bytes);
  let svg: string;
  if (png) {
    if (png.width === 0 || png.height === 0 || png.width > MAX_SOURCE_SIDE || png.height > MAX_SOURCE_SIDE) return { ok: false, problem: "logo_too_large" };
    svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${png.width}" height="${png.height}"><image width="${png.width}" height="${png.height}" href="data:image/png;base64,${bytes.toString("base64")}"/></svg>`;
  } else {
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes).replace(/^\uFEFF/u, "");
    if (!looksLikeSvg(text)) return { ok: false, problem: "logo_not_image" };
    const contained = selfContainedSvg(text);
    if (contained === null) return { ok: false, problem: "logo_unsafe" };
    svg = contained;
  }
  const drawn = draw(svg);
  return drawn ? { ok: true, ...drawn } : { ok: false, problem: "logo_not_rendered" };
}
