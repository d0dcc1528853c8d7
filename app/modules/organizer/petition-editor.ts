import type { PetitionStatus } from "../../../db/schema";

export interface PetitionText {
  title: string;
  addressedTo: string;
  body: string;
}

export interface PetitionDraft {
  slug: string;
  defaultLanguage: string;
  goal: number | null;
  /** Only the languages the petition is offered in. */
  texts: Record<string, PetitionText>;
}

export type EditorErrors = Record<string, string>;

const SINGLE_LINE = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;

/**
 * Reads the editor form: `slug`, `defaultLanguage`, `goal`, and per language
 * `title.<lng>`, `addressedTo.<lng>`, `body.<lng>`. A language with any field
 * filled must have all three; the default language must have them. Messages
 * are keys in the `organize` namespace, by field name.
 */
export function readPetitionForm(get: (name: string) => string, languages: readonly string[]): { ok: true; draft: PetitionDraft } | { ok: false; errors: EditorErrors } {
  const errors: EditorErrors = {};
  const slug = get("slug").trim();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/u.test(slug) || slug.length > 80) errors.slug = "editor.errors.slug";
  const defaultLanguage = get("defaultLanguage");
  if (!languages.includes(defaultLanguage)) errors.defaultLanguage = "editor.errors.defaultLanguage";
  const rawGoal = get("goal").trim();
  const goal = rawGoal === "" ? null : Number(rawGoal);
  if (goal !== null && (!Number.isInteger(goal) || goal < 1 || goal > 100_000_000)) errors.goal = "editor.errors.goal";
  const texts: Record<string, PetitionText> = {};
  for (const lng of languages) {
    const text = { title: get(`title.${lng}`).trim(), addressedTo: get(`addressedTo.${lng}`).trim(), body: get(`body.${lng}`).replace(/\r\n?/gu, "\n").trim() };
    if (!text.title && !text.addressedTo && !text.body && lng !== defaultLanguage) continue;
    if (!text.title || text.title.length > 200 || !SINGLE_LINE.test(text.title)) errors[`title.${lng}`] = "editor.errors.title";
    if (!text.addressedTo || text.addressedTo.length > 300 || !SINGLE_LINE.test(text.addressedTo)) errors[`addressedTo.${lng}`] = "editor.errors.addressedTo";
    if (!text.body || text.body.length > 20_000) errors[`body.${lng}`] = "editor.errors.body";
    texts[lng] = text;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, draft: { slug, defaultLanguage, goal, texts } };
}

/** The languages a petition is not offered in yet: flagged to organizers. */
export function missingLanguages(texts: Record<string, unknown>, languages: readonly string[]): string[] {
  return languages.filter((l) => !(l in texts));
}

/** Draft → live → closed, one way: a closed petition is a record of what was delivered. */
export function nextStatus(status: PetitionStatus): PetitionStatus | null {
  return status === "draft" ? "live" : status === "live" ? "closed" : null;
}
