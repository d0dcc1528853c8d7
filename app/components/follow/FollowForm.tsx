import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_ENDONYMS, SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import type { FollowField, FollowFormValues } from "~/modules/follow/follow-form";

/** A refused POST: what was typed, and the message by each field. */
export interface FollowFormSubmission {
  values?: FollowFormValues;
  errors?: Partial<Record<FollowField | "form", string>>;
}

const FIELD_ORDER: readonly FollowField[] = ["email", "language"];

/**
 * The follow form: an address and the language of the mails (the page's by default), nothing
 * else. A plain POST that works without JavaScript; errors come back by the field with what was typed.
 */
export function FollowForm({ lng, action, countryName, formToken, submitted }: { lng: string; action: string; countryName: string; formToken: string; submitted?: FollowFormSubmission }) {
  const { values, errors = {} } = submitted ?? {};
  const { t } = useTranslation("follows");
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formAction === action;
  const fieldErrors = FIELD_ORDER.filter((f) => errors[f]);
  const describedBy = (field: FollowField, hint?: string) => [errors[field] ? `follow-${field}-error` : null, hint ?? null].filter(Boolean).join(" ") || undefined;
  const fieldError = (field: FollowField) =>
    errors[field] ? (
      <p className="field-error" id={`follow-${field}-error`}>
        {t(errors[field])}
      </p>
    ) : null;
  return (
    <Form method="post" action={action} className="follow-form sign-form" noValidate aria-labelledby="follow-form-title">
      <h2 id="follow-form-title">{t("form.title", { country: countryName })}</h2>
      {errors.form || fieldErrors.length > 0 ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{errors.form ? t(errors.form) : t("errors.summary")}</p>
          {fieldErrors.length > 0 ? (
            <ul>
              {fieldErrors.map((field) => (
                <li key={field}>
                  <a href={`#follow-${field}`}>{t(errors[field]!)}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="formToken" value={formToken} />
      <div className="form-field">
        <label htmlFor="follow-email">{t("form.email")}</label>
        <small id="follow-email-hint" className="hint">
          {t("form.emailHint")}
        </small>
        {fieldError("email")}
        <input
          id="follow-email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          maxLength={254}
          defaultValue={values?.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy("email", "follow-email-hint")}
        />
      </div>
      <div className="form-field">
        <label htmlFor="follow-language">{t("form.language")}</label>
        {fieldError("language")}
        <select
          id="follow-language"
          name="language"
          defaultValue={values?.language ?? lng}
          aria-invalid={errors.language ? true : undefined}
          aria-describedby={describedBy("language")}
        >
          {SUPPORTED_LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_ENDONYMS[code]}
            </option>
          ))}
        </select>
      </div>
      {/* People never see or reach this field; bots that fill every input do. */}
      <div className="hp-field" aria-hidden="true">
        <label htmlFor="follow-website">{t("form.honeypot")}</label>
        <input id="follow-website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <p className="privacy-notice">
        {t("form.privacy")} <a href={`/${lng}/privacy`}>{t("form.privacyLink")}</a>
      </p>
      <button type="submit" disabled={submitting}>
        {submitting ? t("form.submitting") : t("form.submit")}
      </button>
    </Form>
  );
}
