import { SUPPORTED_LANGUAGES } from "../lib/i18n/languages";
import { readPetitionForm } from "../modules/petition/petition-editor";

/** The editor's POST as values to show again (errors) or a draft to save. */
export function readEditorPost(form: { get(name: string): unknown }) {
  const get = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  const read = readPetitionForm(get, SUPPORTED_LANGUAGES);
  const texts = Object.fromEntries(
    SUPPORTED_LANGUAGES.filter((l) => get(`title.${l}`) || get(`addressedTo.${l}`) || get(`body.${l}`)).map((l) => [l, { title: get(`title.${l}`), addressedTo: get(`addressedTo.${l}`), body: get(`body.${l}`) }]),
  );
  return { read, values: { slug: get("slug"), defaultLanguage: get("defaultLanguage"), goal: get("goal"), texts } };
}
