/** The merge fields a letter template may use. */
export const MERGE_FIELDS = ["target.name", "target.role", "target.organization", "sender.name", "sender.city", "country.name"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string>;

const FIELD = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/gu;

/** Fields a template names that do not exist: organizers see them before publishing. */
export function unknownMergeFields(template: string): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(FIELD)) {
    if (!(MERGE_FIELDS as readonly string[]).includes(match[1]!)) unknown.add(match[1]!);
  }
  return [...unknown];
}

/**
 * Fills the merge fields of a template. Values are plain text (mail is sent as
 * text and escaped for HTML later); an empty value (no city) leaves nothing,
 * and a value is never read as another field, so `{{…}}` typed by a sender
 * stays literal.
 */
export function renderLetter(template: string, values: MergeValues): string {
  return template.replace(FIELD, (whole, field: string) => ((MERGE_FIELDS as readonly string[]).includes(field) ? values[field as MergeField] : whole));
}

/** Words of a text, folded for comparison across case, accents and punctuation, in any script. */
function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Overlapping runs of three words (or characters, for scripts written without spaces). */
function shingles(text: string): Set<string> {
  const list = words(text);
  // Chinese and Japanese put no spaces between words: "words" come out sentence-long,
  // so compare runs of characters instead.
  const averageLength = list.join("").length / Math.max(list.length, 1);
  const units = averageLength > 8 ? [...list.join("")] : list;
  const out = new Set<string>();
  for (let i = 0; i + 2 < units.length; i++) out.add(units.slice(i, i + 3).join(" "));
  if (units.length > 0 && units.length < 3) out.add(units.join(" "));
  return out;
}

/**
 * How much of a letter is the sender's own: 0 (the template as is) to 1
 * (nothing in common), from the share of three-word runs not in the template.
 * Recipients read personal letters; identical ones go to a digest.
 */
export function personalShare(letter: string, template: string): number {
  const mine = shingles(letter);
  if (mine.size === 0) return 0;
  const theirs = shingles(template);
  let own = 0;
  for (const s of mine) if (!theirs.has(s)) own++;
  return own / mine.size;
}
