import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MERGE_FIELDS } from "~/modules/letter/letter-template";
import { CampaignBasics, useEditorField } from "./EditorField";
import { TextsPerLanguage } from "./TextsPerLanguage";

export interface LetterEditorValues {
  slug: string;
  defaultLanguage: string;
  deliveryMode: string;
  dailyCapPerTarget: string;
  minPersonalChars: string;
  goal: string;
  targetIds: number[];
  texts: Record<string, { title: string; intro: string; subjects: string; bodyTemplate: string }>;
}

export interface TargetChoice {
  id: number;
  countryCode: string;
  countryName: string;
  name: string;
  role: string;
  active: boolean;
  isDemo: boolean;
}

/**
 * The letter campaign editor: settings, the people to write to (by country),
 * then one block per language beside the default language's words.
 */
export function LetterCampaignEditorForm({
  csrf,
  languages,
  values,
  errors,
  creating,
  targets,
}: {
  csrf: string;
  languages: readonly string[];
  values: LetterEditorValues;
  errors: Record<string, string>;
  creating: boolean;
  targets: TargetChoice[];
}) {
  const { t } = useTranslation("organize");
  const field = useEditorField(errors);
  const chosen = new Set(values.targetIds);
  const byCountry = new Map<string, TargetChoice[]>();
  for (const target of targets) byCountry.set(target.countryCode, [...(byCountry.get(target.countryCode) ?? []), target]);
  return (
    <Form method="post" className="sign-form">
      <CampaignBasics csrf={csrf} creating={creating} slug={values.slug} defaultLanguage={values.defaultLanguage} languages={languages} field={field} />
      {field(
        "deliveryMode",
        t("letterEditor.deliveryMode"),
        (p) => (
          <select {...p} defaultValue={values.deliveryMode}>
            <option value="individual">{t("deliveryMode.individual")}</option>
            <option value="digest">{t("deliveryMode.digest")}</option>
          </select>
        ),
        t("letterEditor.deliveryModeHint"),
      )}
      {field("dailyCapPerTarget", t("letterEditor.dailyCap"), (p) => <input {...p} inputMode="numeric" defaultValue={values.dailyCapPerTarget} />, t("letterEditor.dailyCapHint"))}
      {field("minPersonalChars", t("letterEditor.minPersonalChars"), (p) => <input {...p} inputMode="numeric" defaultValue={values.minPersonalChars} />)}
      {field("goal", t("letterEditor.goal"), (p) => <input {...p} inputMode="numeric" defaultValue={values.goal} />)}

      <fieldset aria-describedby={errors.targets ? "editor-targets-error" : undefined}>
        <legend>{t("letterEditor.targets")}</legend>
        {errors.targets ? (
          <p className="field-error" id="editor-targets-error">
            {t(errors.targets)}
          </p>
        ) : null}
        {targets.length === 0 ? <p className="note">{t("letterEditor.noTargetsYet")}</p> : null}
        {[...byCountry].map(([code, list]) => (
          <details key={code} open={list.some((target) => chosen.has(target.id))}>
            <summary>
              {list[0]!.countryName} ({t("letterEditor.chosenOf", { chosen: list.filter((target) => chosen.has(target.id)).length, total: list.length })})
            </summary>
            {list.map((target) => (
              <p className="form-check" key={target.id}>
                <input type="checkbox" id={`target-${target.id}`} name="target" value={target.id} defaultChecked={chosen.has(target.id)} />
                <label htmlFor={`target-${target.id}`}>
                  {target.name}, {target.role}
                  {target.isDemo ? ` — ${t("targets.list.demo")}` : ""}
                  {target.active ? "" : ` — ${t("letterEditor.inactive")}`}
                </label>
              </p>
            ))}
          </details>
        ))}
      </fieldset>

      <TextsPerLanguage
        languages={languages}
        defaultLanguage={values.defaultLanguage}
        texts={values.texts}
        field={field}
        fields={[
          { name: "title", label: t("editor.title") },
          { name: "intro", label: t("letterEditor.intro"), rows: 4 },
          { name: "subjects", label: t("letterEditor.subjects"), rows: 3, hint: t("letterEditor.subjectsHint") },
          { name: "bodyTemplate", label: t("letterEditor.bodyTemplate"), rows: 10, hint: t("letterEditor.bodyTemplateHint", { fields: MERGE_FIELDS.map((f) => `{{${f}}}`).join(", ") }) },
        ]}
      />
      <button type="submit" name="intent" value="save">
        {t("editor.save")}
      </button>
    </Form>
  );
}
