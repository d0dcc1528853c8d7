import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignBasics, useEditorField } from "./EditorField";
import { TextsPerLanguage, type TextFieldSpec } from "./TextsPerLanguage";

/** What every campaign editor is given: the form's values and the messages by field. */
export interface CampaignEditorProps<V> {
  csrf: string;
  languages: readonly string[];
  values: V;
  errors: Record<string, string>;
  creating: boolean;
}

/**
 * A campaign editor: the address and default language, what only this kind
 * of campaign has (`children`, drawn with the same labelled fields), then one
 * block per language of its title and `textFields`, the default language first.
 */
export function CampaignEditorForm({
  csrf,
  languages,
  values,
  errors,
  creating,
  textFields,
  children,
}: CampaignEditorProps<{ slug: string; defaultLanguage: string; texts: Record<string, Record<string, string>> }> & {
  textFields: TextFieldSpec[];
  children: (field: ReturnType<typeof useEditorField>) => ReactNode;
}) {
  const { t } = useTranslation("organize");
  const field = useEditorField(errors);
  return (
    <Form method="post" className="sign-form">
      <CampaignBasics csrf={csrf} creating={creating} slug={values.slug} defaultLanguage={values.defaultLanguage} languages={languages} field={field} />
      {children(field)}
      <TextsPerLanguage languages={languages} defaultLanguage={values.defaultLanguage} texts={values.texts} field={field} fields={[{ name: "title", label: t("editor.title") }, ...textFields]} />
      <button type="submit" name="intent" value="save">
        {t("editor.save")}
      </button>
    </Form>
  );
}
