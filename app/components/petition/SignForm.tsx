import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { EmailField, ErrorSummary, FieldError, HoneypotField, PrivacyAndSubmit } from "~/components/form/PersonFields";
import { useLikelyCountry } from "~/components/useLikelyCountry";
import type { SignatureField, SignatureFormValues } from "~/modules/petition/signature-form";
import type { LinkPartner } from "~/modules/partner/partner-link";
import { PartnerConsentBox } from "~/components/partner/PartnerParts";

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
  /** The partner whose link opened the page: its own consent box, beside ours. */
  partner?: LinkPartner | null;
}

const FIELD_ORDER: readonly SignatureField[] = ["name", "email", "country", "comment"];

/**
 * The sign form: a plain POST that works without JavaScript; with it, Remix
 * submits it in place. Errors come back by the field with what was typed.
 */
export function SignForm({ lng, action, setup, submitted, compact = false, partner = null }: SignFormProps) {
  const { countries, formToken, referral } = setup;
  const { values, errors = {} } = submitted ?? {};
  const { t } = useTranslation("petitions");
  const countrySelect = useRef<HTMLSelectElement>(null);
  // The page is one copy for everyone (shared caches keep it): the browser's languages pre-select
  // the country, unless the visitor chose one already. Without JavaScript the visitor picks.
  const likely = useLikelyCountry(countries);
  useEffect(() => {
    const select = countrySelect.current;
    if (!select || select.value !== "" || values || !likely) return;
    select.value = likely.code3;
  }, [likely, values]);
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formAction === action;
  const fieldErrors = FIELD_ORDER.filter((f) => errors[f]);
  const describedBy = (field: SignatureField) => (errors[field] ? `${field}-error` : undefined);
  const fieldError = (field: SignatureField) => <FieldError id={`${field}-error`} message={errors[field] ? t(errors[field]) : undefined} />;

  return (
    <Form method="post" action={action} className="sign-form" noValidate aria-labelledby="sign-title">
      <h2 id="sign-title">{t("sign.title")}</h2>
      {errors.form || fieldErrors.length > 0 ? (
        <ErrorSummary message={errors.form ? t(errors.form) : t("errors.summary")} items={fieldErrors.map((field) => ({ href: `#sign-${field}`, text: t(errors[field]!) }))} />
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
      <EmailField
        ids={{ id: "sign-email", errorId: "email-error" }}
        label={t("sign.email")}
        hint={t("sign.emailHint")}
        error={errors.email ? t(errors.email) : undefined}
        defaultValue={values?.email}
      />
      <div className="form-field">
        <label htmlFor="sign-country">{t("sign.country")}</label>
        {fieldError("country")}
        <select
          id="sign-country"
          ref={countrySelect}
          name="country"
          required
          defaultValue={values?.country.toUpperCase() ?? ""}
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
      {partner ? <PartnerConsentBox partner={partner} idPrefix="sign" checked={values?.partnerConsent ?? false} /> : null}
      <HoneypotField id="sign-website" label={t("sign.honeypot")} />
      <PrivacyAndSubmit lng={lng} text={(key) => t(`sign.${key}`)} busy={submitting} />
    </Form>
  );
}
