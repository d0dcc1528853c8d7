import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { findLikelyCountry } from "~/modules/country/country";
import type { SignatureField, SignatureFormValues } from "~/modules/petition/signature-form";

export interface CountryOption {
  code3: string;
  code2: string;
  name: string;
}

/** What a petition page's loader gives every sign form (the page and the embed). */
export interface SignFormSetup {
  countries: readonly CountryOption[];
  formToken: string;
  referral: string;
  /** Pre-selected country (from the language region) when nothing was typed yet. */
  likelyCountry: string | null;
}

/** A refused POST: what was typed, and the message by each field. */
export interface SignFormSubmission {
  values?: SignatureFormValues;
  errors?: Partial<Record<SignatureField | "form", string>>;
}

export interface SignFormProps {
  lng: string;
  action: string;
  setup: SignFormSetup;
  submitted?: SignFormSubmission;
  /** The embed: no comment field. */
  compact?: boolean;
}

const FIELD_ORDER: readonly SignatureField[] = ["name", "email", "country", "comment"];

/**
 * The sign form: a plain POST that works without JavaScript; with it, Remix
 * submits it in place. Errors come back by the field with what was typed.
 */
export function SignForm({ lng, action, setup, submitted, compact = false }: SignFormProps) {
  const { countries, formToken, referral, likelyCountry } = setup;
  const { values, errors = {} } = submitted ?? {};
  const { t } = useTranslation("petitions");
  const countrySelect = useRef<HTMLSelectElement>(null);
  // A page served to everyone alike (surge mode) pre-selects no country: the browser's languages do it here.
  useEffect(() => {
    const select = countrySelect.current;
    if (!select || select.value !== "" || likelyCountry || values) return;
    const likely = findLikelyCountry(navigator.languages.join(","), countries);
    if (likely) select.value = likely.code3;
  }, [countries, likelyCountry, values]);
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formAction === action;
  const fieldErrors = FIELD_ORDER.filter((f) => errors[f]);
  const describedBy = (field: SignatureField, hint?: string) =>
    [errors[field] ? `${field}-error` : null, hint ?? null].filter(Boolean).join(" ") || undefined;
  const fieldError = (field: SignatureField) =>
    errors[field] ? (
      <p className="field-error" id={`${field}-error`}>
        {t(errors[field])}
      </p>
    ) : null;

  return (
    <Form method="post" action={action} className="sign-form" noValidate aria-labelledby="sign-title">
      <h2 id="sign-title">{t("sign.title")}</h2>
      {errors.form || fieldErrors.length > 0 ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{errors.form ? t(errors.form) : t("errors.summary")}</p>
          {fieldErrors.length > 0 ? (
            <ul>
              {fieldErrors.map((field) => (
                <li key={field}>
                  <a href={`#sign-${field}`}>{t(errors[field]!)}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="formToken" value={formToken} />
      <input type="hidden" name="ref" value={referral} />

      <div className="form-field">
        <label htmlFor="sign-name">{t("sign.name")}</label>
        {fieldError("name")}
        <input
          id="sign-name"
          name="name"
          autoComplete="name"
          required
          maxLength={100}
          defaultValue={values?.name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("name")}
        />
      </div>
      <div className="form-field">
        <label htmlFor="sign-email">{t("sign.email")}</label>
        <small id="sign-email-hint" className="hint">
          {t("sign.emailHint")}
        </small>
        {fieldError("email")}
        <input
          id="sign-email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          maxLength={254}
          defaultValue={values?.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy("email", "sign-email-hint")}
        />
      </div>
      <div className="form-field">
        <label htmlFor="sign-country">{t("sign.country")}</label>
        {fieldError("country")}
        <select
          id="sign-country"
          ref={countrySelect}
          name="country"
          required
          defaultValue={values?.country.toUpperCase() ?? likelyCountry ?? ""}
          aria-invalid={errors.country ? true : undefined}
          aria-describedby={describedBy("country")}
        >
          <option value="">{t("sign.chooseCountry")}</option>
          {countries.map((c) => (
            <option key={c.code3} value={c.code3}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {compact ? null : (
        <div className="form-field">
          <label htmlFor="sign-comment">{t("sign.comment")}</label>
          {fieldError("comment")}
          <textarea
            id="sign-comment"
            name="comment"
            rows={3}
            maxLength={1000}
            defaultValue={values?.comment}
            aria-invalid={errors.comment ? true : undefined}
            aria-describedby={describedBy("comment")}
          />
        </div>
      )}
      <p className="form-check">
        <input id="sign-show-name" type="checkbox" name="showName" defaultChecked={values?.showName ?? false} />
        <label htmlFor="sign-show-name">{t("sign.showName")}</label>
      </p>
      <p className="form-check">
        <input id="sign-mail-consent" type="checkbox" name="mailConsent" defaultChecked={values?.mailConsent ?? false} />
        <label htmlFor="sign-mail-consent">{t("sign.mailConsent")}</label>
      </p>
      {/* People never see or reach this field; bots that fill every input do. */}
      <div className="hp-field" aria-hidden="true">
        <label htmlFor="sign-website">{t("sign.honeypot")}</label>
        <input id="sign-website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <p className="privacy-notice">
        {t("sign.privacy")} <a href={`/${lng}/privacy`}>{t("sign.privacyLink")}</a>
      </p>
      <button type="submit" disabled={submitting}>
        {submitting ? t("sign.submitting") : t("sign.submit")}
      </button>
    </Form>
  );
}
