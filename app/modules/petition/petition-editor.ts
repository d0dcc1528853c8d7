import { lineField, longTextField, readCampaignForm, type CampaignDraft, type FormRead } from "../campaign/campaign-form";

export { missingLanguages, type EditorErrors } from "../campaign/campaign-form";

export interface PetitionText {
  title: string;
  addressedTo: string;
  body: string;
}

/** A petition has nothing beyond what every campaign has. */
export type PetitionDraft = CampaignDraft<PetitionText>;

const PETITION_TEXT = {
  title: lineField(200, "editor.errors.title"),
  addressedTo: lineField(300, "editor.errors.addressedTo"),
  body: longTextField(20_000, "editor.errors.body"),
};

/**
 * Reads the editor form: `slug`, `defaultLanguage`, `goal`, and per language
 * `title.<lng>`, `addressedTo.<lng>`, `body.<lng>`.
 */
export function readPetitionForm(get: (name: string) => string, languages: readonly string[]): FormRead<PetitionDraft> {
  return readCampaignForm<PetitionText, object>(get, languages, PETITION_TEXT, () => ({}));
}
