/**
 * The geometry both server-drawn charts share (the public signatures-over-time
 * chart and the organizers' daily chart): the plot's frame, a value axis with
 * ticks at round numbers, a time axis with a few dates, key-date marks, and
 * labels that never overlap. Pure: numbers and already formatted labels in,
 * positions out. Time runs left to right in every language, Arabic included
 * (as Arabic-language newspapers draw their charts); only the words are RTL.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` day (UTC). */
export const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * How wide a label is drawn, estimated without a font: CJK and other full-width
 * characters take a whole em, spaces a third, everything else six tenths (wide
 * enough for digits and Latin, Cyrillic and Arabic letters at our sizes).
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) {
    if (/[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u.test(ch)) ems += 1;
    else if (/\s/u.test(ch)) ems += 0.3;
    else ems += 0.6;
  }
  return round1(ems * fontSize);
}

/**
 * Ticks at round numbers (1, 2 or 5 times a power of ten, whole numbers only)
 * from 0 to the first tick at or above `max`, at most `intervals` steps.
 */
export function valueTicks(max: number, intervals = 4): number[] {
  const top = Math.max(max, 1);
  const rough = top / intervals;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) {
    ticks.push(v);
    if (v >= top) break;
  }
  return ticks;
}

export type TickUnit = "day" | "month" | "year";

export interface DayTick {
  day: string;
  /** What the label shows: a day of a month, a month of a year, or a year. */
  unit: TickUnit;
}

/** Candidate spacings, finest first: every n days, every n months, every n years. */
const SPACINGS: { unit: TickUnit; every: number }[] = (
  [
    ["day", [1, 2, 7, 14]],
    ["month", [1, 2, 3, 6]],
    ["year", [1, 2, 5, 10, 50]],
  ] as const
).flatMap(([unit, everies]) => everies.map((every) => ({ unit, every })));

/** Day 0 (1970-01-01) was a Thursday: weekly ticks fall on Mondays. */
const MONDAY = 4;

function ticksAt({ unit, every }: { unit: TickUnit; every: number }, from: number, to: number): DayTick[] {
  const ticks: DayTick[] = [];
  if (unit === "day") {
    const offset = every >= 7 ? MONDAY : 0;
    for (let d = Math.ceil((from - offset) / every) * every + offset; d <= to; d += every) ticks.push({ day: dayOf(d), unit });
    return ticks;
  }
  const start = new Date(from * DAY_MS);
  const months = unit === "month" ? every : every * 12;
  let index = start.getUTCFullYear() * 12 + start.getUTCMonth();
  if (start.getUTCDate() !== 1) index++;
  index = Math.ceil(index / months) * months;
  for (; ; index += months) {
    const day = dayOf(Date.UTC(Math.floor(index / 12), index % 12, 1) / DAY_MS);
    if (dayNumber(day) > to) return ticks;
    ticks.push({ day, unit });
  }
}

export interface PlacedLabel {
  /** Where the label's middle is drawn (kept inside the bounds). */
  x: number;
  width: number;
}

/** A label of `width` centred on `x`, moved inside [left, right] when it would hang out. */
export function clampLabel(x: number, width: number, left: number, right: number): PlacedLabel {
  // Half the width rounded up to the tenth the positions are rounded to, so a clamped label stays inside.
  const half = Math.ceil(width * 5) / 10;
  const centre = Math.min(Math.max(round1(x), round1(left + half)), round1(right - half));
  return { x: centre, width };
}

export const overlaps = (a: PlacedLabel, b: PlacedLabel, gap: number) => Math.abs(a.x - b.x) < (a.width + b.width) / 2 + gap;

export interface AxisTick {
  /** A `YYYY-MM-DD` day or a value. */
  at: string | number;
  /** The tick's own position (the mark on the axis). */
  position: number;
  label: string;
  /** Where the label's middle is drawn: the tick's position unless the label would leave the chart. */
  labelAt: number;
}

export interface TimeAxisInput {
  from: string;
  to: string;
  /** Position of a day (days since 1970) on the axis. */
  x: (day: number) => number;
  /** The room labels may use, left and right. */
  left: number;
  right: number;
  fontSize: number;
  format: (tick: DayTick) => string;
}

const LABEL_GAP = 12;

/**
 * A few dates along the time axis: the finest round spacing (days, weeks,
 * months, years) whose labels, kept inside the chart, leave a gap between each
 * other. Days or weeks when the range is short, months or years when it is long.
 */
export function timeAxis({ from, to, x, left, right, fontSize, format }: TimeAxisInput): AxisTick[] {
  const start = dayNumber(from);
  const end = dayNumber(to);
  let best: AxisTick[] = [];
  for (const spacing of SPACINGS) {
    const ticks = ticksAt(spacing, start, end).map((tick) => {
      const label = format(tick);
      const position = round1(x(dayNumber(tick.day)));
      return { at: tick.day, position, label, labelAt: clampLabel(position, textWidth(label, fontSize), left, right).x };
    });
    if (ticks.length === 0) continue;
    best = ticks;
    const placed = ticks.map((t) => ({ x: t.labelAt, width: textWidth(t.label, fontSize) }));
    if (placed.every((p, i) => i === 0 || !overlaps(placed[i - 1]!, p, LABEL_GAP))) return ticks;
  }
  // Even the coarsest spacing is crowded (a very narrow chart): keep every other label that fits.
  const kept: AxisTick[] = [];
  for (const tick of best) {
    const previous = kept[kept.length - 1];
    if (!previous || !overlaps({ x: previous.labelAt, width: textWidth(previous.label, fontSize) }, { x: tick.labelAt, width: textWidth(tick.label, fontSize) }, LABEL_GAP)) kept.push(tick);
  }
  return kept;
}

export interface KeyDate {
  /** Stable name, e.g. "opened". */
  key: string;
  day: string;
  label: string;
}

export interface PlacedMark extends KeyDate {
  position: number;
  /** The label beside the line: to its right (start) or, near the right edge, to its left (end). */
  anchor: "start" | "end";
  /** Where the label is drawn, and on which line of the band above the plot (0 the lowest). */
  labelAt: number;
  row: number;
}

/**
 * Key dates as vertical lines with their names above the plot. A date outside
 * the axis is not drawn (`outside`; the chart lists it in words instead), and
 * names that would overlap go up a line.
 */
export function keyDateMarks(
  marks: readonly KeyDate[],
  { from, to, x, left, right, fontSize }: Omit<TimeAxisInput, "format">,
): { placed: PlacedMark[]; outside: (KeyDate & { side: "before" | "after" })[] } {
  const placed: PlacedMark[] = [];
  const outside: (KeyDate & { side: "before" | "after" })[] = [];
  const start = dayNumber(from);
  const end = dayNumber(to);
  const pad = fontSize / 3;
  for (const mark of [...marks].sort((a, b) => a.day.localeCompare(b.day))) {
    const day = dayNumber(mark.day);
    if (day < start || day > end) {
      outside.push({ ...mark, side: day < start ? "before" : "after" });
      continue;
    }
    const position = round1(x(day));
    const width = textWidth(mark.label, fontSize);
    const anchor = position + pad + width <= right ? "start" : "end";
    const labelAt = anchor === "start" ? round1(position + pad) : round1(Math.max(position - pad, left + width));
    const box = { x: anchor === "start" ? labelAt + width / 2 : labelAt - width / 2, width };
    let row = 0;
    while (placed.some((p) => p.row === row && overlaps(markBox(p, fontSize), box, LABEL_GAP / 2))) row++;
    placed.push({ ...mark, position, anchor, labelAt, row });
  }
  return { placed, outside };
}

const markBox = (mark: PlacedMark, fontSize: number): PlacedLabel => {
  const width = textWidth(mark.label, fontSize);
  return { x: mark.anchor === "start" ? mark.labelAt + width / 2 : mark.labelAt - width / 2, width };
};

export interface ChartFrame {
  width: number;
  height: number;
  fontSize: number;
  /** The plot area inside the axes. */
  plot: { left: number; right: number; top: number; bottom: number };
  /** Baseline of each line of mark names, and of the date labels. */
  markRowY: (row: number) => number;
  dateY: number;
  yTicks: AxisTick[];
  /** Position of a value on the value axis. */
  y: (value: number) => number;
  /** The top of the value axis (its last tick). */
  top: number;
}

/**
 * The frame of a chart `width` × `height`: room on the left for the value
 * labels, above for `markRows` lines of key-date names,
 * below for the dates; the value axis runs from 0 to a round number at or
 * above `max`.
 */
export function chartFrame({ width, height, fontSize, max, markRows, formatValue }: { width: number; height: number; fontSize: number; max: number; markRows: number; formatValue: (n: number) => string }): ChartFrame {
  const values = valueTicks(max);
  const labels = values.map(formatValue);
  const line = Math.round(fontSize * 1.4);
  const left = Math.ceil(Math.max(...labels.map((l) => textWidth(l, fontSize)))) + Math.round(fontSize * 0.6);
  const top = line * markRows + Math.round(fontSize * 0.6);
  const bottom = height - line - Math.round(fontSize * 0.5);
  const plot = { left, right: width - Math.round(fontSize / 2), top, bottom };
  const topValue = values[values.length - 1]!;
  const y = (value: number) => round1(plot.bottom - (value / topValue) * (plot.bottom - plot.top));
  return {
    width,
    height,
    fontSize,
    plot,
    markRowY: (row: number) => top - Math.round(fontSize * 0.5) - row * line,
    dateY: height - Math.round(fontSize * 0.3),
    yTicks: values.map((value, i) => ({ at: value, position: y(value), label: labels[i]!, labelAt: y(value) })),
    y,
    top: topValue,
  };
}

/** A linear time scale from day `from` at `left` to day `to` at `right`. */
export function dayScale(from: string, to: string, left: number, right: number): (day: number) => number {
  const start = dayNumber(from);
  const span = Math.max(dayNumber(to) - start, 1);
  return (day: number) => round1(left + ((day - start) / span) * (right - left));
}

export interface TimeChart {
  frame: ChartFrame;
  x: (day: number) => number;
  xTicks: AxisTick[];
  marks: ReturnType<typeof keyDateMarks>;
}

/**
 * A whole time chart's layout: the frame (with as many lines above the plot as
 * the key-date names need), the time scale `scale` makes for the plot's width,
 * the date ticks and the marks.
 */
export function timeChart(input: {
  width: number;
  height: number;
  fontSize: number;
  max: number;
  from: string;
  to: string;
  marks: readonly KeyDate[];
  formatValue: (n: number) => string;
  formatDay: (tick: DayTick) => string;
  /** The time scale for a plot from `left` to `right`; a plain linear one unless told. */
  scale?: (left: number, right: number) => (day: number) => number;
}): TimeChart {
  const { width, height, fontSize, max, from, to, formatValue, formatDay } = input;
  const scale = input.scale ?? ((left: number, right: number) => dayScale(from, to, left, right));
  const bare = chartFrame({ width, height, fontSize, max, markRows: 0, formatValue });
  const x = scale(bare.plot.left, bare.plot.right);
  const room = { from, to, x, left: 0, right: width, fontSize };
  const marks = keyDateMarks(input.marks, room);
  const rows = marks.placed.reduce((most, m) => Math.max(most, m.row + 1), 0);
  const frame = rows === 0 ? bare : chartFrame({ width, height, fontSize, max, markRows: rows, formatValue });
  return { frame, x, xTicks: timeAxis({ ...room, format: formatDay }), marks };
}

/**
 * Where a series' last value is written: just above its end, right-aligned to
 * it, or below it when the end is too close to the top of the plot (where the
 * key-date names are).
 */
export function endLabel(frame: ChartFrame, x: number, value: number): { x: number; y: number } {
  const y = frame.y(value);
  const gap = Math.round(frame.fontSize * 0.4);
  return { x, y: y - frame.plot.top < frame.fontSize * 1.5 ? y + gap + frame.fontSize : y - gap };
}
