/**
 * The numbers of a campaign dashboard, shaped for reading: every day in the
 * range (days without activity are zeros, not gaps), the funnel's rates, and
 * the geometry of a stacked bar chart. Pure: rows and days in, numbers out.
 */
import { dayNumber } from "../../lib/chart";

export interface DayCounts {
  /** YYYY-MM-DD (UTC). */
  day: string;
  confirmed: number;
  pending: number;
}

/** The days a campaign opened and closed (UTC), when it did: the marks on its daily chart. */
export interface CampaignKeyDates {
  opened: string | null;
  closed: string | null;
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
  /** A day with nothing: drawn as a small mark on the axis, so a quiet day reads as zero, not as missing. */
  zero: boolean;
}

/** The busiest day's total (at least 1): the value axis reaches a round number at or above it. */
export const busiestDay = (days: readonly DayCounts[]) => Math.max(1, ...days.map((d) => d.confirmed + d.pending));

/**
 * One slot per day from `left` to `right`: the time scale of the bar chart,
 * a day's position being its slot's middle (days since 1970 in, pixels out).
 */
export function daySlots(days: readonly DayCounts[], left: number, right: number): (day: number) => number {
  const start = days[0] ? dayNumber(days[0].day) : 0;
  const slot = (right - left) / Math.max(days.length, 1);
  return (day: number) => Math.round((left + (day - start + 0.5) * slot) * 10) / 10;
}

/** Stacked bars of confirmed and pending per day, centred on their days (`x`), heights on the value scale `y`. */
export function stackedBars(days: readonly DayCounts[], x: (day: number) => number, y: (value: number) => number, slot: number): Bar[] {
  const gap = slot > 4 ? Math.min(2, slot * 0.2) : 0;
  const width = Math.max(Math.round((slot - gap) * 10) / 10, 0.5);
  const base = y(0);
  return days.map((d) => {
    const confirmedTop = y(d.confirmed);
    const pendingTop = y(d.confirmed + d.pending);
    return {
      day: d.day,
      x: Math.round((x(dayNumber(d.day)) - width / 2) * 10) / 10,
      width,
      confirmed: { y: confirmedTop, height: Math.round((base - confirmedTop) * 10) / 10 },
      pending: { y: pendingTop, height: Math.round((confirmedTop - pendingTop) * 10) / 10 },
      zero: d.confirmed + d.pending === 0,
    };
  });
}
