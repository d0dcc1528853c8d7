/** A calendar day (`YYYY-MM-DD`) in the reader's language, e.g. 25 octobre 2025. */
export function formatDay(lng: string, isoDay: string): string {
  return new Intl.DateTimeFormat(lng, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDay}T00:00:00Z`));
}

export function formatNumber(lng: string, value: number): string {
  return new Intl.NumberFormat(lng).format(value);
}
