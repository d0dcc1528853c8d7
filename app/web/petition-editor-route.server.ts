import type { FormFields } from "../lib/form.server";
import { SUPPORTED_LANGUAGES } from "../lib/i18n/languages";
import { readPetitionForm, type PetitionDraft } from "../modules/petition/petition-editor";
import { createPetition, movePetition, updatePetition } from "../modules/petition/petition-editor.service.server";
import { postedCampaign, type CampaignEditing } from "./campaign-edit-route.server";

/** The editor's POST as values to show again (errors) or a draft to save. */
export function readEditorPost(form: FormFields) {
  const { get, basics } = postedCampaign(form, ["title", "addressedTo", "body"]);
  return { read: readPetitionForm(get, SUPPORTED_LANGUAGES), values: basics };
}

/** The petition editor's pages: where they are, how a POST is read, saved and moved. */
export const PETITION_EDITING: CampaignEditing<PetitionDraft, ReturnType<typeof readEditorPost>["values"]> = {
  path: "petitions",
  readPost: readEditorPost,
  create: createPetition,
  update: updatePetition,
  move: movePetition,
  refusals: { slug_taken: { slug: "editor.errors.slugTaken" } },
  transitionError: "editor.errors.transition",
};
