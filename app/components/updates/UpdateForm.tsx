import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_ENDONYMS, SUPPORTED_LANGUAGES, textDirection, type Language } from "~/lib/i18n/languages";
import { audiencesFor, type CampaignKind, type UpdateFormValues } from "~/modules/updates/update-rules";

/** What the compose form starts with: empty, or an update's saved values. */
export function emptyUpdateValues(defaultLanguage: string): UpdateFormValues {
  return {
    audience: "",
    country: "",
    language: "",
    since: "",
    defaultLanguage,
    public: false,
    sendAt: "",
    texts: Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, { subject: "", body: "" }])) as UpdateFormValues["texts"],
  };
}

/**
 * The compose form of an update (works without JavaScript): the audience and its filters, the
 * default language, whether it shows on the petition page, and the texts of each language
 * (the default one required, the others optional: readers of a missing language get the default).
 */
export function UpdateForm({
  csrf,
  kind,
  values,
  errors,
  intent,
}: {
  csrf: string;
  kind: CampaignKind;
  values: UpdateFormValues;
  errors: Record<string, string>;
  intent?: string;
}) {
  const { t } = useTranslation("organizeUpdates");
  const error = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`update-${name}-error`}>
        {t(errors[name]!)}
      </p>
    ) : null;
  const invalid = (name: string) =>
    errors[name]
      ? {
          "aria-invalid": true as const,
          "aria-describedby": `update-${name}-error`,
        }
      : {};
  const order = [values.defaultLanguage, ...SUPPORTED_LANGUAGES.filter((l) => l !== values.defaultLanguage)].filter((l): l is Language =>
    (SUPPORTED_LANGUAGES as readonly string[]).includes(l),
  );
  return (
    <Form method="post" className="update-form">
      <input type="hidden" name="csrf" value={csrf} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {errors.form ? (
        <p className="field-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      <fieldset>
        <legend>{t("form.audience")}</legend>
        {error("audience")}
        {audiencesFor(kind).map((a) => (
          <p className="form-check" key={a}>
            <input type="radio" id={`update-audience-${a}`} name="audience" value={a} defaultChecked={values.audience === a} {...invalid("audience")} />
            <label htmlFor={`update-audience-${a}`}>{t(`audiences.${a}`)}</label>
          </p>
        ))}
      </fieldset>
      <div className="form-field">
        <label htmlFor="update-country">{t("form.country")}</label>
        <p className="hint">{t("form.countryHint")}</p>
        {error("country")}
        <input id="update-country" name="country" maxLength={3} size={4} defaultValue={values.country} {...invalid("country")} />
      </div>
      <div className="form-field">
        <label htmlFor="update-language">{t("form.language")}</label>
        {error("language")}
        <select id="update-language" name="language" defaultValue={values.language} {...invalid("language")}>
          <option value="">{t("form.anyLanguage")}</option>
          {SUPPORTED_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_ENDONYMS[l]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="update-since">{t("form.since")}</label>
        {error("since")}
        <input id="update-since" name="since" type="date" defaultValue={values.since} {...invalid("since")} />
      </div>
      <div className="form-field">
        <label htmlFor="update-defaultLanguage">{t("form.defaultLanguage")}</label>
        {error("defaultLanguage")}
        <select id="update-defaultLanguage" name="defaultLanguage" defaultValue={values.defaultLanguage} {...invalid("defaultLanguage")}>
          {SUPPORTED_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_ENDONYMS[l]}
            </option>
          ))}
        </select>
      </div>
      {kind === "petition" ? (
        <p className="form-check">
          <input id="update-public" type="checkbox" name="public" defaultChecked={values.public} />
          <label htmlFor="update-public">{t("form.public")}</label>
        </p>
      ) : null}
      {order.map((l, i) => (
        <fieldset key={l} lang={l} dir={textDirection(l)}>
          <legend>
            {t(i === 0 ? "form.textsDefault" : "form.texts", {
              language: LANGUAGE_ENDONYMS[l],
            })}
          </legend>
          <div className="form-field">
            <label htmlFor={`update-subject_${l}`}>{t("form.subject")}</label>
            {error(`subject_${l}`)}
            <input id={`update-subject_${l}`} name={`subject_${l}`} maxLength={200} defaultValue={values.texts[l].subject} {...invalid(`subject_${l}`)} />
          </div>
          <div className="form-field">
            <label htmlFor={`update-body_${l}`}>{t("form.body")}</label>
            {error(`body_${l}`)}
            <textarea id={`update-body_${l}`} name={`body_${l}`} rows={i === 0 ? 10 : 5} defaultValue={values.texts[l].body} {...invalid(`body_${l}`)} />
          </div>
        </fieldset>
      ))}
      <p>
        <button type="submit">{t("form.save")}</button>
      </p>
    </Form>
  );
}
