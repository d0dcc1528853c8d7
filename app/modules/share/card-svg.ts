/**
 * The SVG of a share card (1200×630), from its words and figures: pure, measured by the function
 * the frame carries, so the same rules are tested with a fake measure and drawn with the fonts.
 */
import type { ParticipantStatus } from "../country/treaty-status";
import {
  barFill,
  CARD_HEIGHT,
  CARD_MARGIN,
  CARD_WIDTH,
  ellipsize,
  escapeXml,
  inLineDirection,
  lineAnchor,
  mirrored,
  wrapLines,
  type Direction,
  type Measure,
  type TextStyle,
} from "./card-layout";

/** The site's colours (app.css `--color-*`); a test keeps them equal to the stylesheet's. */
export const CARD_COLORS = { brand: "#1d4e89", text: "#1a1a1a", muted: "#4a4f55", track: "#d5dce4", background: "#ffffff" } as const;

/** The status badges' colours, as on the map legend and `StatusBadge` (app.css). */
export const STATUS_COLORS: Record<ParticipantStatus, string> = {
  not_signed: "#5c6670",
  not_joined: "#3d4650",
  signed: "#8a4b00",
  domestic_approval_reported: "#6b3a8c",
  party: "#a4161a",
  in_force: "#6e0a0d",
};

interface Figure {
  /** The number, formatted in the page's language. */
  value: string;
  label: string;
}

export type CardContent =
  | {
      kind: "campaign";
      title: string;
      figure: Figure;
      /** Toward the goal, 0–1, with its words; null: the campaign has no goal. */
      progress: { fraction: number; text: string } | null;
      call: string;
    }
  | { kind: "country"; name: string; badge: { text: string; color: string }; summary: string; shape: { path: string; color: string } | null }
  | { kind: "site"; question: string; figure: Figure };

export interface CardFrame {
  direction: Direction;
  /** The font families in the order the renderer should try them. */
  fontFamilies: readonly string[];
  siteName: string;
  measure: Measure;
}

/** The box in which the country's shape is fitted (left-to-right placement; mirrored for Arabic). */
export const SHAPE_BOX = { x: 770, y: 96, width: 358, height: 400 } as const;

const CONTENT = { x: CARD_MARGIN, width: CARD_WIDTH - 2 * CARD_MARGIN };
const TITLE: TextStyle = { size: 58, weight: 700 };
const FIGURE: TextStyle = { size: 96, weight: 700 };
const LABEL: TextStyle = { size: 34, weight: 400 };
const SMALL: TextStyle = { size: 30, weight: 400 };
const FOOTER: TextStyle = { size: 30, weight: 700 };
const FOOTER_BASELINE = 580;

export function composeCardSvg(content: CardContent, frame: CardFrame): string {
  const parts: string[] = [
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${CARD_COLORS.background}"/>`,
    `<rect width="${CARD_WIDTH}" height="14" fill="${CARD_COLORS.brand}"/>`,
  ];
  switch (content.kind) {
    case "campaign":
      parts.push(...lines(frame, CONTENT, wrapLines(content.title, CONTENT.width, 3, TITLE, frame.measure), 150, 70, TITLE, CARD_COLORS.text));
      parts.push(...figure(frame, content.figure, 410));
      if (content.progress) {
        parts.push(...lines(frame, CONTENT, [ellipsize(content.progress.text, CONTENT.width, SMALL, frame.measure)], 462, 0, SMALL, CARD_COLORS.muted));
        parts.push(...bar(frame.direction, { x: CONTENT.x, width: CONTENT.width }, 486, content.progress.fraction));
      }
      parts.push(...footer(frame, content.call));
      break;
    case "country": {
      const box = mirrored(frame.direction, { x: CARD_MARGIN, width: SHAPE_BOX.x - CARD_MARGIN - 48 });
      const name = wrapLines(content.name, box.width, 2, { size: 68, weight: 700 }, frame.measure);
      parts.push(...lines(frame, box, name, 160, 80, { size: 68, weight: 700 }, CARD_COLORS.text));
      const badgeTop = 160 + (name.length - 1) * 80 + 40;
      parts.push(...pill(frame, box, badgeTop, content.badge.text, content.badge.color, startSide(frame.direction)));
      const summary = wrapLines(content.summary, box.width, 4, LABEL, frame.measure);
      parts.push(...lines(frame, box, summary, badgeTop + 56 + 58, 46, LABEL, CARD_COLORS.muted));
      if (content.shape) {
        const shapeBox = mirrored(frame.direction, SHAPE_BOX);
        parts.push(
          `<path transform="translate(${shapeBox.x} ${SHAPE_BOX.y})" d="${escapeXml(content.shape.path)}" fill="${content.shape.color}" stroke="${CARD_COLORS.background}" stroke-width="1.5" stroke-linejoin="round"/>`,
        );
      }
      parts.push(...footer(frame, null));
      break;
    }
    case "site":
      parts.push(...lines(frame, CONTENT, wrapLines(content.question, CONTENT.width, 3, { size: 64, weight: 700 }, frame.measure), 160, 78, { size: 64, weight: 700 }, CARD_COLORS.text));
      parts.push(...figure(frame, content.figure, 440));
      parts.push(...footer(frame, null));
      break;
  }
  const family = frame.fontFamilies.map((f) => `'${f}'`).join(", ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="${escapeXml(family)}">${parts.join("")}</svg>`;
}

function text(frame: CardFrame, at: { x: number; anchor: "start" | "middle" | "end" }, y: number, style: TextStyle, fill: string, words: string): string {
  return `<text x="${at.x}" y="${y}" font-size="${style.size}" font-weight="${style.weight}" fill="${fill}" text-anchor="${at.anchor}">${escapeXml(inLineDirection(frame.direction, words))}</text>`;
}

function lines(frame: CardFrame, box: { x: number; width: number }, shown: readonly string[], firstBaseline: number, lineHeight: number, style: TextStyle, fill: string): string[] {
  const at = lineAnchor(frame.direction, box);
  return shown.map((line, i) => text(frame, at, firstBaseline + i * lineHeight, style, fill, line));
}

/** A big number with its words beside it, on one baseline, from the start edge. */
function figure(frame: CardFrame, { value, label }: Figure, baseline: number): string[] {
  const at = lineAnchor(frame.direction, CONTENT);
  const valueWidth = frame.measure(value, FIGURE.size, FIGURE.weight);
  const gap = 22;
  const labelBox = frame.direction === "rtl" ? { x: CONTENT.x, width: CONTENT.width - valueWidth - gap } : { x: CONTENT.x + valueWidth + gap, width: CONTENT.width - valueWidth - gap };
  return [
    text(frame, at, baseline, FIGURE, CARD_COLORS.brand, value),
    text(frame, lineAnchor(frame.direction, labelBox), baseline, LABEL, CARD_COLORS.text, ellipsize(label, labelBox.width, LABEL, frame.measure)),
  ];
}

function bar(direction: Direction, span: { x: number; width: number }, top: number, fraction: number): string[] {
  const fill = barFill(direction, span, fraction);
  const height = 22;
  return [
    `<rect x="${span.x}" y="${top}" width="${span.width}" height="${height}" rx="${height / 2}" fill="${CARD_COLORS.track}"/>`,
    fill.width > 0 ? `<rect x="${fill.x}" y="${top}" width="${fill.width}" height="${height}" rx="${height / 2}" fill="${CARD_COLORS.brand}"/>` : "",
  ];
}

/** White words on a rounded colour, against the box's left or right side. */
function pill(frame: CardFrame, box: { x: number; width: number }, top: number, words: string, color: string, side: "left" | "right"): string[] {
  const padding = 26;
  const shown = ellipsize(words, box.width - 2 * padding, FOOTER, frame.measure);
  const width = Math.ceil(frame.measure(shown, FOOTER.size, FOOTER.weight)) + 2 * padding;
  const x = side === "right" ? box.x + box.width - width : box.x;
  return [`<rect x="${x}" y="${top}" width="${width}" height="56" rx="28" fill="${color}"/>`, text(frame, { x: x + width / 2, anchor: "middle" }, top + 39, FOOTER, "#ffffff", shown)];
}

function startSide(direction: Direction): "left" | "right" {
  return direction === "rtl" ? "right" : "left";
}

/** The site's name at the start edge, and the call to act (if any) in a pill at the end edge. */
function footer(frame: CardFrame, call: string | null): string[] {
  const parts = lines(frame, CONTENT, [frame.siteName], FOOTER_BASELINE, 0, FOOTER, CARD_COLORS.brand);
  if (call) {
    const taken = frame.measure(frame.siteName, FOOTER.size, FOOTER.weight) + 40;
    const room = frame.direction === "rtl" ? { x: CONTENT.x, width: CONTENT.width - taken } : { x: CONTENT.x + taken, width: CONTENT.width - taken };
    parts.push(...pill(frame, room, FOOTER_BASELINE - 39, call, CARD_COLORS.brand, frame.direction === "rtl" ? "left" : "right"));
  }
  return parts;
}
