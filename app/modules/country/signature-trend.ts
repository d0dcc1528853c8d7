import { dayNumber, dayOf } from "../../lib/chart";

/**
 * Signatures over time: cumulative counts by day, and the geometry of a step
 * chart for them. Pure: facts and the "as of" day in, numbers out.
 */
export interface TrendPoint {
  date: string;
  added: number;
  total: number;
}

export interface SignatureTrend {
  points: TrendPoint[];
  /** Signatures whose day the sources do not confirm: counted in totals elsewhere, not plotted. */
  undated: number;
}

export function signatureTrend(signedOn: readonly (string | null)[]): SignatureTrend {
  const byDay = new Map<string, number>();
  let undated = 0;
  for (const day of signedOn) {
    if (day === null) undated++;
    else byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  let total = 0;
  const points = [...byDay.keys()].sort().map((date) => {
    const added = byDay.get(date)!;
    total += added;
    return { date, added, total };
  });
  return { points, undated };
}

/** How far past the last day with signatures a key date may lie and still widen the chart to show it: a quarter of the span, at least a week. */
const AHEAD_SHARE = 0.25;
const AHEAD_MIN_DAYS = 7;
/** The shortest span drawn, so that one day of signatures is a step with a run, not a wall. */
const MIN_SPAN_DAYS = 14;

/**
 * The days the chart spans: from a little before the first signature (or the
 * key date before it, e.g. the day the treaty opened for signature) to `asOf`,
 * widened to a later key date (e.g. the signature deadline) when it is near
 * enough to read on the same scale. At least two weeks, so that signatures all
 * on one day show as a rise and a run. Key dates farther away stay outside
 * (the chart names them in words).
 */
export function signatureChartRange(points: readonly TrendPoint[], asOf: string, keyDays: readonly string[]): { from: string; to: string } {
  const first = points[0] ? dayNumber(points[0].date) : dayNumber(asOf);
  const today = dayNumber(asOf);
  let start = Math.min(first, ...keyDays.map(dayNumber).filter((d) => d <= first));
  // The line runs to the end of today: a day's count holds through the day.
  let end = Math.max(today, first) + 1;
  const ahead = keyDays.map(dayNumber).filter((d) => d > end);
  const reach = Math.max((end - start) * AHEAD_SHARE, AHEAD_MIN_DAYS);
  end = Math.max(end, ...ahead.filter((d) => d - end <= reach));
  if (end - start < MIN_SPAN_DAYS) end = start + MIN_SPAN_DAYS;
  // A little room before the first day, so the first rise stands clear of the axis.
  start -= Math.max(1, Math.round((end - start) * 0.03));
  return { from: dayOf(start), to: dayOf(end) };
}

/**
 * The cumulative count as a step line: flat at zero from `from`, up at the
 * start of each day with signatures, flat from the last one to the end of
 * `asOf` (not beyond: the count after today is unknown). Signatures all on
 * today still show as a rise and a day's run.
 */
export function stepLinePath(points: readonly TrendPoint[], from: string, asOf: string, x: (day: number) => number, y: (total: number) => number): string {
  if (points.length === 0) return "";
  let path = `M${x(dayNumber(from))},${y(0)}`;
  for (const point of points) path += ` H${x(dayNumber(point.date))} V${y(point.total)}`;
  return `${path} H${x(Math.max(dayNumber(asOf), dayNumber(points[points.length - 1]!.date)) + 1)}`;
}
