/**
 * Where a page's share card (its `og:image`) lives. Pages name their card with these
 * functions and the card routes answer at these paths, so the two cannot drift apart.
 *
 * The `v` query names what the card shows (a count step, a status): link previews cache an
 * image by its URL, so a new step gets a new URL; the card route itself always draws the
 * current state and ignores `v`.
 */
export type CardSubject =
  | { kind: "petition"; slug: string }
  | { kind: "letter"; slug: string }
  | { kind: "country"; code3: string }
  | { kind: "site" };

const FOLDER = { petition: "petitions", letter: "letters", country: "countries" } as const;

/** `/cards/{lng}/petitions/{slug}.png?v=…`, `/cards/{lng}/countries/{code3}.png`, `/cards/{lng}/site.png`. */
export function shareCardPath(lng: string, subject: CardSubject, version?: string | number): string {
  const file =
    subject.kind === "site"
      ? "site"
      : `${FOLDER[subject.kind]}/${encodeURIComponent(subject.kind === "country" ? subject.code3.toLowerCase() : subject.slug)}`;
  const query = version === undefined || version === "" ? "" : `?v=${encodeURIComponent(String(version))}`;
  return `/cards/${lng}/${file}.png${query}`;
}

/**
 * The count a card shows: exact below 100, then rounded down to two significant figures
 * (12,345 → 12,000). A card is drawn again only when the step changes, which at any
 * realistic rate of signing is every few minutes at most, and never shows more than signed.
 */
export function cardCountStep(count: number): number {
  if (!Number.isFinite(count) || count < 100) return Math.max(0, Math.floor(count || 0));
  const unit = 10 ** (Math.floor(Math.log10(count)) - 1);
  return Math.floor(count / unit) * unit;
}

/**
 * The name in a card's file segment (`{slug}.png`, `{code3}.png`): route segments cannot mix a
 * parameter with a literal suffix, so the route takes the whole segment and this strips `.png`.
 * Null when the segment is not a PNG's name.
 */
export function cardFileName(segment: string | undefined): string | null {
  const match = /^(.+)\.png$/u.exec(segment ?? "");
  return match?.[1] ?? null;
}
