import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { FormFields } from "../lib/form.server";
import { SUPPORTED_LANGUAGES, type Language } from "../lib/i18n/languages";
import { countryNameOverrides } from "../lib/i18n/translate.server";
import { countryOptions } from "../modules/country/country-options.server";
import { readLetterCampaignForm, type LetterCampaignDraft } from "../modules/letter/letter-campaign-editor";
import { createLetterCampaign, moveLetterCampaign, targetChoices, updateLetterCampaign } from "../modules/letter/letter-campaign-editor.service.server";
import { postedCampaign, type CampaignEditing } from "./campaign-edit-route.server";

/** The editor's POST as values to show again (errors) or a draft to save. */
export function readLetterEditorPost(form: FormFields) {
  const { get, getAll, basics } = postedCampaign(form, ["title", "intro", "subjects", "bodyTemplate"]);
  const values = {
    ...basics,
    deliveryMode: get("deliveryMode"),
    dailyCapPerTarget: get("dailyCapPerTarget"),
    minPersonalChars: get("minPersonalChars"),
    targetIds: getAll("target").map(Number).filter(Number.isSafeInteger),
  };
  return { read: readLetterCampaignForm(get, getAll, SUPPORTED_LANGUAGES), values };
}

/** The letter campaign editor's pages: where they are, how a POST is read, saved and moved. */
export const LETTER_CAMPAIGN_EDITING: CampaignEditing<LetterCampaignDraft, ReturnType<typeof readLetterEditorPost>["values"]> = {
  path: "letters",
  readPost: readLetterEditorPost,
  create: createLetterCampaign,
  update: updateLetterCampaign,
  move: moveLetterCampaign,
  refusals: { slug_taken: { slug: "letterEditor.errors.slugTaken" }, unknown_targets: { targets: "letterEditor.errors.targets" } },
  transitionError: "letterEditor.errors.transition",
};

/** Every target to choose from, with its country's name in the organizer's language. */
export async function targetChoicesFor(db: Kysely<Database>, lng: Language) {
  const [targets, countries] = await Promise.all([targetChoices(db), countryOptions(db, lng, countryNameOverrides(lng))]);
  const names = new Map(countries.map((c) => [c.code3, c.name]));
  return targets
    .map((t) => ({ id: t.id, countryCode: t.country_code, countryName: names.get(t.country_code) ?? t.country_code, name: t.name, role: t.role, active: t.active, isDemo: t.is_demo }))
    .sort((a, b) => a.countryName.localeCompare(b.countryName, lng) || a.name.localeCompare(b.name, lng));
}
