/**
 * The numbers of a campaign dashboard, shaped for reading: every day in the
 * range (days without activity are zeros, not gaps), the funnel's rates, and
 * the geometry of a stacked bar chart. Pure: rows and days in, numbers out.
 */
export interface DayCounts {
  /** YYYY-MM-DD (UTC). */
  day: string;
  confirmed: number;
  pending: number;
}

const DAY_MS = 86_400_000;
/** At most this many days are shown: the last ones. */
export const MAX_DASHBOARD_DAYS = 120;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every day from the first with activity (or `from`) to `today`, counts filled in. */
export function everyDay(rows: readonly DayCounts[], today: string, from?: string): DayCounts[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const first = [from, ...rows.map((r) => r.day)].filter((d): d is string => Boolean(d)).sort()[0] ?? today;
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = Math.max(Date.parse(`${first}T00:00:00Z`), end - (MAX_DASHBOARD_DAYS - 1) * DAY_MS);
  const days: DayCounts[] = [];
  for (let t = start; t <= end; t += DAY_MS) {
    const day = isoDay(t);
    days.push(byDay.get(day) ?? { day, confirmed: 0, pending: 0 });
  }
  return days;
}

export interface Funnel {
  views: number;
  submissions: number;
  confirmed: number;
  /** Share of views that became a submission, and of submissions that were confirmed: 0–1, or null without a base. */
  submittedRate: number | null;
  confirmedRate: number | null;
}

export function funnel(views: number, submissions: number, confirmed: number): Funnel {
  return {
    views,
    submissions,
    confirmed,
    submittedRate: views > 0 ? submissions / views : null,
    confirmedRate: submissions > 0 ? confirmed / submissions : null,
  };
}

export interface Bar {
  day: string;
  x: number;
  width: number;
  /** Confirmed at the bottom, pending stacked on top. */
  confirmed: { y: number; height: number };
  pending: { y: number; height: number };
}

/** Stacked bars of confirmed and pending per day, scaled to the busiest day. */
export function stackedBars(days: readonly DayCounts[], width: number, height: number): { bars: Bar[]; max: number } {
  const max = Math.max(1, ...days.map((d) => d.confirmed + d.pending));
  const slot = width / Math.max(days.length, 1);
  const gap = slot > 4 ? 1 : 0;
  const scale = (n: number) => Math.round((n / max) * height * 10) / 10;
  const bars = days.map((d, i) => {
    const confirmedHeight = scale(d.confirmed);
    const pendingHeight = scale(d.pending);
    return {
      day: d.day,
      x: Math.round(i * slot * 10) / 10,
      width: Math.max(Math.round((slot - gap) * 10) / 10, 0.5),
      confirmed: { y: height - confirmedHeight, height: confirmedHeight },
      pending: { y: height - confirmedHeight - pendingHeight, height: pendingHeight },
    };
  });
  return { bars, max };
}
