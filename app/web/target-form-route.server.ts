import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { FormFields } from "../lib/form.server";
import type { Language } from "../lib/i18n/languages";
import { countryNameOverrides } from "../lib/i18n/translate.server";
import { countryOptions } from "../modules/country/country-options.server";
import { TARGET_COLUMNS, type TargetColumn } from "../modules/letter/target-row";

/** The target form's POST as the CSV row it stands for (an unticked box is "no"). */
export function readTargetPost(form: FormFields): Record<TargetColumn, string> {
  const row = Object.fromEntries(TARGET_COLUMNS.map((c) => [c, typeof form.get(c) === "string" ? (form.get(c) as string) : ""])) as Record<TargetColumn, string>;
  return { ...row, active: form.get("active") === "yes" ? "yes" : "no", email_public: form.get("email_public") === "yes" ? "yes" : "no" };
}

/** Countries to choose from, by name in the organizer's language. */
export async function targetCountryChoices(db: Kysely<Database>, lng: Language) {
  return (await countryOptions(db, lng, countryNameOverrides(lng))).map((c) => ({ code3: c.code3, name: c.name }));
}
