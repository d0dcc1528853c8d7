/** Messages are keys in the `organize` namespace, by field name. */
export type EditorErrors = Record<string, string>;

export const SINGLE_LINE = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;

/** One field of a campaign text: how it is read from the form and what it must be. */
export interface TextField<V> {
  read(raw: string): V;
  isEmpty(value: V): boolean;
  isValid(value: V): boolean;
  error: string;
}

/** A one-line text of at most `max` characters. */
export function lineField(max: number, error: string): TextField<string> {
  return { read: (raw) => raw.trim(), isEmpty: (v) => v === "", isValid: (v) => v.length > 0 && v.length <= max && SINGLE_LINE.test(v), error };
}

/** A text of several lines (line ends normalized), at most `max` characters. */
export function longTextField(max: number, error: string, isValid: (text: string) => boolean = () => true): TextField<string> {
  return {
    read: (raw) => raw.replace(/\r\n?/gu, "\n").trim(),
    isEmpty: (v) => v === "",
    isValid: (v) => v.length > 0 && v.length <= max && isValid(v),
    error,
  };
}

/** The settings every campaign has: its address (slug) and default language. */
export function readSlugAndLanguage(get: (name: string) => string, languages: readonly string[], errors: EditorErrors) {
  const slug = get("slug").trim();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/u.test(slug) || slug.length > 80) errors.slug = "editor.errors.slug";
  const defaultLanguage = get("defaultLanguage");
  if (!languages.includes(defaultLanguage)) errors.defaultLanguage = "editor.errors.defaultLanguage";
  return { slug, defaultLanguage };
}

/** A whole number in [min, max] typed in a field; empty gives `empty` (an error when undefined). */
export function readWholeNumber(get: (name: string) => string, name: string, range: { min: number; max: number; empty?: number | null }, error: string, errors: EditorErrors): number | null {
  const raw = get(name).trim();
  if (raw === "" && range.empty !== undefined) return range.empty;
  // Digits only: Number() would also take "1e3", "0x10" and "1_0".
  const value = /^\d{1,12}$/u.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    errors[name] = error;
    return null;
  }
  return value;
}

/**
 * The texts per language, fields named `<field>.<lng>`. A language with any
 * field filled must have them all; the default language must have them.
 * Languages left empty are not offered (the public page falls back).
 */
export function readLanguageTexts<T extends object>(
  get: (name: string) => string,
  languages: readonly string[],
  defaultLanguage: string,
  fields: { [K in keyof T]: TextField<T[K]> },
  errors: EditorErrors,
): Record<string, T> {
  const texts: Record<string, T> = {};
  const names = Object.keys(fields) as (keyof T & string)[];
  for (const lng of languages) {
    const text = Object.fromEntries(names.map((name) => [name, fields[name].read(get(`${name}.${lng}`))])) as T;
    if (lng !== defaultLanguage && names.every((name) => fields[name].isEmpty(text[name]))) continue;
    for (const name of names) if (!fields[name].isValid(text[name])) errors[`${name}.${lng}`] = fields[name].error;
    texts[lng] = text;
  }
  return texts;
}

/** The languages a campaign is not offered in yet: flagged to organizers. */
export function missingLanguages(texts: Record<string, unknown>, languages: readonly string[]): string[] {
  return languages.filter((l) => !(l in texts));
}
