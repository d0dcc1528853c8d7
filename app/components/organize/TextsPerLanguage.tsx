import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { textDirection } from "~/lib/i18n/languages";
import { languagesInEditingOrder, type useEditorField } from "./EditorField";
import { TranslationPair } from "./TranslationPair";

export interface TextFieldSpec {
  name: string;
  label: string;
  /** Rows of a textarea; a one-line input without. */
  rows?: number;
  hint?: ReactNode;
}

/**
 * A campaign's texts, one block per language: the default language first,
 * then each translation beside the default language's words; languages
 * without a text are flagged (the public page falls back to the default).
 */
export function TextsPerLanguage({
  languages,
  defaultLanguage,
  texts,
  fields,
  field,
}: {
  languages: readonly string[];
  defaultLanguage: string;
  texts: Record<string, Record<string, string>>;
  fields: TextFieldSpec[];
  field: ReturnType<typeof useEditorField>;
}) {
  const { t } = useTranslation("organize");
  const base = texts[defaultLanguage];
  return (
    <>
      {languagesInEditingOrder(languages, defaultLanguage).map((lng) => {
        const text = texts[lng];
        const input = { lang: lng, dir: textDirection(lng) };
        const reference = lng !== defaultLanguage && base ? fields.map((f) => ({ label: f.label, text: base[f.name] ?? "" })) : null;
        return (
          <fieldset key={lng}>
            <legend>
              {t("editor.textIn", { language: lng })}
              {text ? "" : ` — ${t("editor.missing")}`}
            </legend>
            <TranslationPair reference={reference} referenceLanguage={defaultLanguage}>
              {fields.map((f) =>
                field(
                  `${f.name}.${lng}`,
                  f.label,
                  (p) => (f.rows ? <textarea {...p} {...input} rows={f.rows} defaultValue={text?.[f.name]} /> : <input {...p} {...input} defaultValue={text?.[f.name]} />),
                  f.hint,
                ),
              )}
            </TranslationPair>
          </fieldset>
        );
      })}
    </>
  );
}
