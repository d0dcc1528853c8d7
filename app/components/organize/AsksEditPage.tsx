import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_ENDONYMS, isSupportedLanguage, textDirection } from "~/lib/i18n/languages";
import { ASK_GROUPS } from "~/modules/campaign/campaign-asks";
import { MERGE_FIELDS } from "~/modules/letter/letter-template";
import { useEditorField } from "./EditorField";
import { OrganizerPage } from "./OrganizerPage";
import { TranslationPair } from "./TranslationPair";

interface Loaded {
  lng: string;
  csrf: string;
  path: "petitions" | "letters";
  withTemplate: boolean;
  editing: { slug: string; defaultLanguage: string; languages: string[]; language: string; reference: Partial<Record<string, { heading: string; body: string; template: string }>> | null };
  values: Record<string, string>;
  saved: boolean;
}

/**
 * A campaign's asks per country status in one language: the languages it is offered in as
 * links (a GET each, no script needed), then per group of statuses a heading, a short text and,
 * for a letter campaign, the letter's template. What was typed stays when a save is refused.
 */
export function AsksEditPage({ loaded, failed }: { loaded: Loaded; failed: { errors: Record<string, string>; values: Record<string, string> | null } | undefined }) {
  const { t } = useTranslation("organize");
  const { lng, csrf, path, withTemplate, editing, saved } = loaded;
  const values = failed?.values ?? loaded.values;
  const errors = failed?.errors ?? {};
  const field = useEditorField(errors);
  const base = `/${lng}/organize/${path}/${editing.slug}`;
  const input = { lang: editing.language, dir: textDirection(editing.language) };
  const languageName = (l: string) => (isSupportedLanguage(l) ? LANGUAGE_ENDONYMS[l] : l);
  return (
    <OrganizerPage
      lng={lng}
      title={`${t("asks.editor.title")}: ${editing.slug}`}
      crumbs={
        <>
          {" › "}
          <Link to={base}>{editing.slug}</Link>
          {" › "}
          <Link to={`${base}/edit`}>{t("asks.editor.campaign")}</Link>
        </>
      }
    >
      <p>{t("asks.editor.lead")}</p>
      <nav aria-label={t("asks.editor.languages")}>
        <ul className="tabs">
          {editing.languages.map((l) => (
            <li key={l}>
              <Link to={`?language=${l}`} aria-current={l === editing.language ? "page" : undefined} lang={l}>
                {languageName(l)}
                {l === editing.defaultLanguage ? ` (${t("asks.editor.default")})` : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {saved && !failed ? (
        <p role="status" className="note">
          {t("asks.editor.saved")}
        </p>
      ) : null}
      {errors.form ? (
        <p role="alert" className="field-error">
          {t(errors.form)}
        </p>
      ) : null}
      <Form method="post" className="sign-form">
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="language" value={editing.language} />
        <p className="hint">{t("asks.editor.fallback", { language: languageName(editing.defaultLanguage) })}</p>
        {ASK_GROUPS.map((group) => {
          const base = editing.reference?.[group];
          const reference = base
            ? [
                { label: t("asks.editor.heading"), text: base.heading },
                { label: t("asks.editor.body"), text: base.body },
                ...(withTemplate && base.template ? [{ label: t("asks.editor.template"), text: base.template }] : []),
              ]
            : null;
          return (
            <fieldset key={group}>
              <legend>{t(`asks.groups.${group}`)}</legend>
              <TranslationPair reference={reference} referenceLanguage={editing.defaultLanguage}>
                {field(`heading.${group}`, t("asks.editor.heading"), (p) => <input {...p} {...input} defaultValue={values[`heading.${group}`]} />)}
                {field(`body.${group}`, t("asks.editor.body"), (p) => <textarea {...p} {...input} rows={3} defaultValue={values[`body.${group}`]} />)}
                {withTemplate
                  ? field(
                      `template.${group}`,
                      t("asks.editor.template"),
                      (p) => <textarea {...p} {...input} rows={8} defaultValue={values[`template.${group}`]} />,
                      t("asks.editor.templateHint", { fields: MERGE_FIELDS.map((f) => `{{${f}}}`).join(" ") }),
                    )
                  : null}
              </TranslationPair>
            </fieldset>
          );
        })}
        <button type="submit">{t("asks.editor.save", { language: languageName(editing.language) })}</button>
      </Form>
    </OrganizerPage>
  );
}
