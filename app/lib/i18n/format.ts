// Intl formatters are costly to build (a page can format hundreds of dates): one per language.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const collators = new Map<string, Intl.Collator>();
const momentFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, lng: string, make: () => T): T {
  let value = cache.get(lng);
  if (!value) {
    value = make();
    cache.set(lng, value);
  }
  return value;
}

/** A calendar day (`YYYY-MM-DD`) in the reader's language, e.g. 25 octobre 2025. */
export function formatDay(lng: string, isoDay: string): string {
  const format = cached(dayFormats, lng, () => new Intl.DateTimeFormat(lng, { dateStyle: "long", timeZone: "UTC" }));
  return format.format(new Date(`${isoDay}T00:00:00Z`));
}

export function formatNumber(lng: string, value: number): string {
  return cached(numberFormats, lng, () => new Intl.NumberFormat(lng)).format(value);
}

/** Sorting names the way readers of the language expect. */
export function collatorFor(lng: string): Intl.Collator {
  return cached(collators, lng, () => new Intl.Collator(lng));
}

/** A moment (ISO timestamp) in the reader's language, with the time, in UTC. */
export function formatMoment(lng: string, iso: string): string {
  const format = cached(momentFormats, lng, () => new Intl.DateTimeFormat(lng, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }));
  return format.format(new Date(iso));
}

const tickFormats = new Map<string, Intl.DateTimeFormat>();
const TICK_OPTIONS: Record<"day" | "month" | "year", Intl.DateTimeFormatOptions> = {
  day: { day: "numeric", month: "short" },
  month: { month: "short", year: "numeric" },
  year: { year: "numeric" },
};

/** A date on a chart's time axis, as short as its spacing allows: 25 Oct, Oct 2025 or 2025 in the reader's language. */
export function formatTickDay(lng: string, tick: { day: string; unit: "day" | "month" | "year" }): string {
  const format = cached(tickFormats, `${lng}:${tick.unit}`, () => new Intl.DateTimeFormat(lng, { ...TICK_OPTIONS[tick.unit], timeZone: "UTC" }));
  return format.format(new Date(`${tick.day}T00:00:00Z`));
}
