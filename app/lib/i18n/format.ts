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
