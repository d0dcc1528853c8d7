import { useTranslation } from "react-i18next";
import { MERGE_FIELDS } from "~/modules/letter/letter-template";
import { CampaignEditorForm, type CampaignEditorProps } from "./CampaignEditorForm";

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
export function LetterCampaignEditorForm({ targets, ...props }: CampaignEditorProps<LetterEditorValues> & { targets: TargetChoice[] }) {
  const { t } = useTranslation("organize");
  const { values, errors } = props;
  const chosen = new Set(values.targetIds);
  const byCountry = new Map<string, TargetChoice[]>();
  for (const target of targets) byCountry.set(target.countryCode, [...(byCountry.get(target.countryCode) ?? []), target]);
  return (
    <CampaignEditorForm
      {...props}
      textFields={[
        { name: "intro", label: t("letterEditor.intro"), rows: 4 },
        { name: "subjects", label: t("letterEditor.subjects"), rows: 3, hint: t("letterEditor.subjectsHint") },
        { name: "bodyTemplate", label: t("letterEditor.bodyTemplate"), rows: 10, hint: t("letterEditor.bodyTemplateHint", { fields: MERGE_FIELDS.map((f) => `{{${f}}}`).join(", ") }) },
      ]}
    >
      {(field) => (
        <>
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
        </>
      )}
    </CampaignEditorForm>
  );
}
