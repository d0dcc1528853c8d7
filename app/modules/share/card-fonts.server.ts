/**
 * The fonts a card is drawn with, from the npm font packages (nothing is downloaded at run time):
 * Noto Sans for Latin and Cyrillic, Noto Sans Arabic and Noto Sans SC before it for Arabic and
 * Chinese. The same files measure the text (fontkit, with Arabic shaping) and draw it (resvg).
 */
import * as fontkit from "fontkit";
import { createRequire } from "node:module";
import type { FontWeight, Measure } from "./card-layout";

interface FontFace {
  family: string;
  files: Record<FontWeight, string>;
}

const require = createRequire(import.meta.url);
const fileOf = (pkg: string, prefix: string, weight: "400Regular" | "700Bold") => require.resolve(`@expo-google-fonts/${pkg}/${weight}/${prefix}_${weight}.ttf`);
const face = (family: string, pkg: string, prefix: string): FontFace => ({
  family,
  files: { 400: fileOf(pkg, prefix, "400Regular"), 700: fileOf(pkg, prefix, "700Bold") },
});

const LATIN = face("Noto Sans", "noto-sans", "NotoSans");
const ARABIC = face("Noto Sans Arabic", "noto-sans-arabic", "NotoSansArabic");
const CHINESE = face("Noto Sans SC", "noto-sans-sc", "NotoSansSC");

/** The face of a language's own script, where Noto Sans lacks it. */
const SCRIPT_FACES: Readonly<Record<string, FontFace>> = { ar: ARABIC, zh: CHINESE };

/**
 * The faces tried in order for a card: the script of each language it shows (the page's, and the
 * campaign text's when that fell back to another language), then Noto Sans.
 */
export function fontChain(languages: readonly string[]): readonly FontFace[] {
  return [...new Set([...languages.flatMap((lng) => SCRIPT_FACES[lng] ?? []), LATIN])];
}

/** The font files the renderer loads for a card (both weights of each face). */
export function fontFilesFor(languages: readonly string[]): string[] {
  return fontChain(languages).flatMap((f) => [f.files[400], f.files[700]]);
}

/** What the measuring and the coverage check need of a font (fontkit's `Font`, or a stand-in in tests). */
export interface GlyphSource {
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): { advanceWidth: number };
}

const opened = new Map<string, GlyphSource>();

function open(file: string): GlyphSource {
  let font = opened.get(file);
  if (!font) {
    const loaded = fontkit.openSync(file);
    if (!("layout" in loaded)) throw new Error(`${file} is a font collection, not a font`);
    font = loaded;
    opened.set(file, font);
  }
  return font;
}

/** A card's fonts of one weight, in the order they are tried. */
export function glyphSources(languages: readonly string[], weight: FontWeight): GlyphSource[] {
  return fontChain(languages).map((f) => open(f.files[weight]));
}

/** Code points that draw nothing themselves (zero-width and direction marks, variation selectors): never a missing glyph. */
const INVISIBLE: readonly [number, number][] = [
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0xfe00, 0xfe0f],
];
const isInvisible = (codePoint: number) => INVISIBLE.some(([from, to]) => codePoint >= from && codePoint <= to);

/**
 * `text` cut into runs, each drawn by the first font of the chain that has its characters (as the
 * renderer falls back); combining marks stay with the character before them.
 */
function runs(text: string, fonts: readonly GlyphSource[]): { font: GlyphSource; text: string }[] {
  const out: { font: GlyphSource; text: string }[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const last = out[out.length - 1];
    const font = /\p{M}/u.test(char) && last ? last.font : (fonts.find((f) => f.hasGlyphForCodePoint(codePoint)) ?? fonts[0]);
    if (!font) continue;
    if (last && last.font === font) last.text += char;
    else out.push({ font, text: char });
  }
  return out;
}

/** The width of text as the chain draws it (shaped: Arabic letters joined). */
export function measureWith(fontsByWeight: (weight: FontWeight) => readonly GlyphSource[]): Measure {
  return (text, size, weight) =>
    runs(text, fontsByWeight(weight)).reduce((width, run) => width + (run.font.layout(run.text).advanceWidth * size) / run.font.unitsPerEm, 0);
}

export function measureFor(languages: readonly string[]): Measure {
  return measureWith((weight) => glyphSources(languages, weight));
}

/** The characters of `text` that no font of the chain can draw (each once, in order of appearance). */
export function missingGlyphs(text: string, fonts: readonly GlyphSource[]): string[] {
  const missing = new Set<string>();
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (/\s/u.test(char) || isInvisible(codePoint)) continue;
    if (!fonts.some((f) => f.hasGlyphForCodePoint(codePoint))) missing.add(char);
  }
  return [...missing];
}
