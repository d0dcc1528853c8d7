import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

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
  const field = (name: string, label: string, input: (props: Record<string, unknown>) => React.ReactNode) => (
    <div className="form-field" key={name}>
      <label htmlFor={`editor-${name}`}>{label}</label>
      {errors[name] ? (
        <p className="field-error" id={`editor-${name}-error`}>
          {t(errors[name]!)}
        </p>
      ) : null}
      {input({ id: `editor-${name}`, name, ...(errors[name] ? { "aria-invalid": true, "aria-describedby": `editor-${name}-error` } : {}) })}
    </div>
  );
  const ordered = [values.defaultLanguage, ...languages.filter((l) => l !== values.defaultLanguage)].filter((l) => languages.includes(l));
  return (
    <Form method="post" className="sign-form">
      <input type="hidden" name="csrf" value={csrf} />
      {creating ? (
        field("slug", t("editor.slug"), (p) => <input {...p} defaultValue={values.slug} />)
      ) : (
        <input type="hidden" name="slug" value={values.slug} />
      )}
      {field("defaultLanguage", t("editor.defaultLanguage"), (p) => (
        <select {...p} defaultValue={values.defaultLanguage}>
          {languages.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      ))}
      {field("goal", t("editor.goal"), (p) => <input {...p} inputMode="numeric" defaultValue={values.goal} />)}
      {ordered.map((lng) => (
        <fieldset key={lng} lang={lng}>
          <legend>
            {t("editor.textIn", { language: lng })}
            {values.texts[lng] ? "" : ` — ${t("editor.missing")}`}
          </legend>
          {field(`title.${lng}`, t("editor.title"), (p) => <input {...p} defaultValue={values.texts[lng]?.title} />)}
          {field(`addressedTo.${lng}`, t("editor.addressedTo"), (p) => <input {...p} defaultValue={values.texts[lng]?.addressedTo} />)}
          {field(`body.${lng}`, t("editor.body"), (p) => <textarea {...p} rows={8} defaultValue={values.texts[lng]?.body} />)}
        </fieldset>
      ))}
      <button type="submit" name="intent" value="save">
        {t("editor.save")}
      </button>
    </Form>
  );
}
