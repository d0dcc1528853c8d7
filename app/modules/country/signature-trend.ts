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

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** An SVG path of the cumulative count as steps, from the first point to `asOf`. */
export function stepChartPath(points: readonly TrendPoint[], asOf: string, width: number, height: number): string {
  const [first] = points;
  const last = points[points.length - 1];
  if (!first || !last) return "";
  const start = dayNumber(first.date);
  const span = Math.max(dayNumber(asOf) - start, 1);
  const x = (iso: string) => Math.round((Math.min(dayNumber(iso), start + span) - start) * (width / span) * 10) / 10;
  const y = (total: number) => Math.round((height - (total / last.total) * height) * 10) / 10;
  let path = `M0,${height}`;
  for (const point of points) path += ` H${x(point.date)} V${y(point.total)}`;
  return `${path} H${width}`;
}
