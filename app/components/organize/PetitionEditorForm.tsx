import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignBasics, useEditorField } from "./EditorField";
import { TextsPerLanguage } from "./TextsPerLanguage";

type Texts = Record<string, { title: string; addressedTo: string; body: string }>;

/**
 * The petition editor: settings, then one block per language, the default
 * language first; languages without a text are flagged (the page falls back).
 */
export function PetitionEditorForm({
  csrf,
  languages,
  values,
  errors,
  creating,
}: {
  csrf: string;
  languages: readonly string[];
  values: { slug: string; defaultLanguage: string; goal: string; texts: Texts };
  errors: Record<string, string>;
  creating: boolean;
}) {
  const { t } = useTranslation("organize");
  const field = useEditorField(errors);
  return (
    <Form method="post" className="sign-form">
      <CampaignBasics csrf={csrf} creating={creating} slug={values.slug} defaultLanguage={values.defaultLanguage} languages={languages} field={field} />
      {field("goal", t("editor.goal"), (p) => <input {...p} inputMode="numeric" defaultValue={values.goal} />)}
      <TextsPerLanguage
        languages={languages}
        defaultLanguage={values.defaultLanguage}
        texts={values.texts}
        field={field}
        fields={[
          { name: "title", label: t("editor.title") },
          { name: "addressedTo", label: t("editor.addressedTo") },
          { name: "body", label: t("editor.body"), rows: 8 },
        ]}
      />
      <button type="submit" name="intent" value="save">
        {t("editor.save")}
      </button>
    </Form>
  );
}
