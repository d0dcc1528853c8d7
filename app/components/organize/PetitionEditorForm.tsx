import { useTranslation } from "react-i18next";
import { CampaignEditorForm, type CampaignEditorProps } from "./CampaignEditorForm";

type Texts = Record<string, { title: string; addressedTo: string; body: string }>;

/**
 * The petition editor: settings, then one block per language, the default
 * language first; languages without a text are flagged (the page falls back).
 */
export function PetitionEditorForm(props: CampaignEditorProps<{ slug: string; defaultLanguage: string; goal: string; texts: Texts }>) {
  const { t } = useTranslation("organize");
  return (
    <CampaignEditorForm
      {...props}
      textFields={[
        { name: "addressedTo", label: t("editor.addressedTo") },
        { name: "body", label: t("editor.body"), rows: 8 },
      ]}
    >
      {(field) => field("goal", t("editor.goal"), (p) => <input {...p} inputMode="numeric" defaultValue={props.values.goal} />)}
    </CampaignEditorForm>
  );
}
