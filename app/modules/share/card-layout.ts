/**
 * Where text goes on a share card: wrapping into lines, cutting the last line with an ellipsis,
 * and which edge a line starts from. Pure: the width of a text is measured by the function passed
 * in (the fonts' real advances on the server, a fixed width per character in tests).
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
export const CARD_MARGIN = 72;

export type FontWeight = 400 | 700;
/** Width in pixels of `text` drawn at `size` pixels in `weight`. */
export type Measure = (text: string, size: number, weight: FontWeight) => number;

export interface TextStyle {
  size: number;
  weight: FontWeight;
}

const ELLIPSIS = "…";
/** Ideographs, kana and hangul: a line may break between any two of them. */
const BREAK_ANYWHERE = /[\u2E80-\u2FFF\u3040-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/u;
/** Punctuation that never starts a line: it stays with the character before it. */
const NO_LINE_START = /^[,.!?;:)\]}、。，．！？；：）」』】〉》…]/u;

/**
 * The units a line may break between: a word with the spaces after it, or a single ideograph
 * (Chinese has no spaces); punctuation that may not start a line joins the unit before it.
 */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  for (const piece of text.match(/\S+\s*|\s+/gu) ?? []) {
    let word = "";
    for (const char of piece) {
      if (BREAK_ANYWHERE.test(char)) {
        if (word) units.push(word);
        word = "";
        units.push(char);
      } else word += char;
    }
    if (word) units.push(word);
  }
  return units.reduce<string[]>((joined, unit) => {
    if (joined.length > 0 && NO_LINE_START.test(unit)) joined[joined.length - 1] += unit;
    else joined.push(unit);
    return joined;
  }, []);
}

/** `text` as it is, or cut at the end with "…" so that it fits `maxWidth`. */
export function ellipsize(text: string, maxWidth: number, style: TextStyle, measure: Measure): string {
  const trimmed = text.trim();
  return measure(trimmed, style.size, style.weight) <= maxWidth ? trimmed : cutToFit(trimmed, maxWidth, style, measure);
}

/** The longest start of `text` that fits with "…" after it. */
function cutToFit(text: string, maxWidth: number, style: TextStyle, measure: Measure): string {
  const chars = [...text];
  while (chars.length > 0) {
    const candidate = `${chars.join("").trimEnd()}${ELLIPSIS}`;
    if (measure(candidate, style.size, style.weight) <= maxWidth) return candidate;
    chars.pop();
  }
  return ELLIPSIS;
}

/**
 * Greedy wrapping into at most `maxLines` lines of `maxWidth`; what does not fit ends the last
 * line with "…". A unit wider than a whole line (a long word, a URL) is cut by characters.
 */
export function wrapLines(text: string, maxWidth: number, maxLines: number, style: TextStyle, measure: Measure): string[] {
  const fits = (line: string) => measure(line.trimEnd(), style.size, style.weight) <= maxWidth;
  const lines: string[] = [];
  let line = "";
  const units = breakUnits(text.replace(/\s+/gu, " ").trim());
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] ?? "";
    if (fits(line + unit)) {
      line += unit;
      continue;
    }
    if (line) {
      lines.push(line.trimEnd());
      line = "";
    }
    if (lines.length === maxLines) {
      return finishWithEllipsis(lines, units.slice(i).join(""), maxWidth, style, measure);
    }
    if (fits(unit)) line = unit;
    else {
      // Cut the unit by characters: what fits stays on this line, the rest goes on.
      const chars = [...unit];
      let head = "";
      while (chars.length > 0 && fits(head + (chars[0] ?? ""))) head += chars.shift();
      if (!head) head = chars.shift() ?? "";
      lines.push(head);
      units.splice(i + 1, 0, chars.join(""));
      if (lines.length === maxLines && i + 1 < units.length) {
        return finishWithEllipsis(lines, units.slice(i + 1).join(""), maxWidth, style, measure);
      }
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function finishWithEllipsis(lines: string[], rest: string, maxWidth: number, style: TextStyle, measure: Measure): string[] {
  const last = lines.pop() ?? "";
  return [...lines, cutToFit(`${last} ${rest}`.trim(), maxWidth, style, measure)];
}

export type Direction = "ltr" | "rtl";

/**
 * Where a line of `direction` text starts inside a box: left-to-right text is anchored at its
 * start on the left edge; right-to-left text at its end on the right edge, which draws it from
 * the right with the shaping intact (rather than `direction="rtl"`, which the renderer reorders).
 */
export function lineAnchor(direction: Direction, box: { x: number; width: number }): { x: number; anchor: "start" | "end" } {
  return direction === "rtl" ? { x: box.x + box.width, anchor: "end" } : { x: box.x, anchor: "start" };
}

/**
 * A line as the renderer should order it. The renderer lays every line out on a left-to-right
 * base, so a right-to-left sentence's neutral characters at its ends (a full stop, a bracket)
 * would land on the wrong side: a right-to-left mark (U+200F, drawn as nothing) at each end
 * gives the line a right-to-left base, as a browser would with `dir="rtl"`.
 */
export function inLineDirection(direction: Direction, line: string): string {
  return direction === "rtl" ? `\u200F${line}\u200F` : line;
}

/** A box mirrored across the card for right-to-left pages (the shape on the left, text on the right). */
export function mirrored(direction: Direction, box: { x: number; width: number }): { x: number; width: number } {
  return direction === "rtl" ? { x: CARD_WIDTH - box.x - box.width, width: box.width } : box;
}

/** The filled part of a progress bar: from the start edge, never beyond the bar. */
export function barFill(direction: Direction, bar: { x: number; width: number }, fraction: number): { x: number; width: number } {
  const share = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const width = Math.round(bar.width * share);
  return direction === "rtl" ? { x: bar.x + bar.width - width, width } : { x: bar.x, width };
}

/** Text and attribute values for SVG. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}
