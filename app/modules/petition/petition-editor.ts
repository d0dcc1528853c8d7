import { lineField, longTextField, readLanguageTexts, readSlugAndLanguage, readWholeNumber, type EditorErrors } from "../campaign/campaign-form";

export { missingLanguages, type EditorErrors } from "../campaign/campaign-form";

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

const PETITION_TEXT = {
  title: lineField(200, "editor.errors.title"),
  addressedTo: lineField(300, "editor.errors.addressedTo"),
  body: longTextField(20_000, "editor.errors.body"),
};

/**
 * Reads the editor form: `slug`, `defaultLanguage`, `goal`, and per language
 * `title.<lng>`, `addressedTo.<lng>`, `body.<lng>`.
 */
export function readPetitionForm(get: (name: string) => string, languages: readonly string[]): { ok: true; draft: PetitionDraft } | { ok: false; errors: EditorErrors } {
  const errors: EditorErrors = {};
  const { slug, defaultLanguage } = readSlugAndLanguage(get, languages, errors);
  const goal = readWholeNumber(get, "goal", { min: 1, max: 100_000_000, empty: null }, "editor.errors.goal", errors);
  const texts = readLanguageTexts<PetitionText>(get, languages, defaultLanguage, PETITION_TEXT, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, draft: { slug, defaultLanguage, goal, texts } };
}
