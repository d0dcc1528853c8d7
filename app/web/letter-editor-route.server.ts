import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { FormFields } from "../lib/form.server";
import { SUPPORTED_LANGUAGES, type Language } from "../lib/i18n/languages";
import { countryNameOverrides } from "../lib/i18n/translate.server";
import { countryOptions } from "../modules/country/country-options.server";
import { readLetterCampaignForm } from "../modules/letter/letter-campaign-editor";
import { targetChoices } from "../modules/letter/letter-campaign-editor.service.server";

const TEXT_FIELDS = ["title", "intro", "subjects", "bodyTemplate"] as const;

/** The editor's POST as values to show again (errors) or a draft to save. */
export function readLetterEditorPost(form: FormFields) {
  const get = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const getAll = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  const read = readLetterCampaignForm(get, getAll, SUPPORTED_LANGUAGES);
  const texts = Object.fromEntries(
    SUPPORTED_LANGUAGES.filter((l) => TEXT_FIELDS.some((f) => get(`${f}.${l}`))).map((l) => [
      l,
      { title: get(`title.${l}`), intro: get(`intro.${l}`), subjects: get(`subjects.${l}`), bodyTemplate: get(`bodyTemplate.${l}`) },
    ]),
  );
  const values = {
    slug: get("slug"),
    defaultLanguage: get("defaultLanguage"),
    deliveryMode: get("deliveryMode"),
    dailyCapPerTarget: get("dailyCapPerTarget"),
    minPersonalChars: get("minPersonalChars"),
    goal: get("goal"),
    targetIds: getAll("target").map(Number).filter(Number.isSafeInteger),
    texts,
  };
  return { read, values };
}

/** Every target to choose from, with its country's name in the organizer's language. */
export async function targetChoicesFor(db: Kysely<Database>, lng: Language) {
  const [targets, countries] = await Promise.all([targetChoices(db), countryOptions(db, lng, countryNameOverrides(lng))]);
  const names = new Map(countries.map((c) => [c.code3, c.name]));
  return targets
    .map((t) => ({ id: t.id, countryCode: t.country_code, countryName: names.get(t.country_code) ?? t.country_code, name: t.name, role: t.role, active: t.active, isDemo: t.is_demo }))
    .sort((a, b) => a.countryName.localeCompare(b.countryName, lng) || a.name.localeCompare(b.name, lng));
}
