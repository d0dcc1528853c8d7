import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailField, ErrorSummary, HoneypotField, LanguageField, PrivacyAndSubmit } from "~/components/form/PersonFields";
import type { FollowField, FollowFormValues } from "~/modules/follow/follow-form";

/** A refused POST: what was typed, and the message by each field. */
export interface FollowFormSubmission {
  values?: FollowFormValues;
  errors?: Partial<Record<FollowField | "form", string>>;
}

const FIELD_ORDER: readonly FollowField[] = ["email", "language"];
const ids = (field: FollowField) => ({ id: `follow-${field}`, errorId: `follow-${field}-error` });

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
  const message = (field: FollowField) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <Form method="post" action={action} className="follow-form sign-form" noValidate aria-labelledby="follow-form-title">
      <h2 id="follow-form-title">{t("form.title", { country: countryName })}</h2>
      {errors.form || fieldErrors.length > 0 ? (
        <ErrorSummary message={errors.form ? t(errors.form) : t("errors.summary")} items={fieldErrors.map((field) => ({ href: `#follow-${field}`, text: t(errors[field]!) }))} />
      ) : null}
      <input type="hidden" name="formToken" value={formToken} />
      <EmailField ids={ids("email")} label={t("form.email")} hint={t("form.emailHint")} error={message("email")} defaultValue={values?.email} />
      <LanguageField ids={ids("language")} label={t("form.language")} error={message("language")} defaultValue={values?.language ?? lng} />
      <HoneypotField id="follow-website" label={t("form.honeypot")} />
      <PrivacyAndSubmit lng={lng} text={(key) => t(`form.${key}`)} busy={submitting} />
    </Form>
  );
}
