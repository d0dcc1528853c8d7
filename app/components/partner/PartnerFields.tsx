import { useTranslation } from "react-i18next";
import { ErrorSummary, FieldError } from "~/components/form/PersonFields";
import type { PartnerFormValues } from "~/modules/partner/partner-form";

type Field = "name" | "code" | "websiteUrl" | "privacyUrl" | "contactEmail" | "logo";
const ORDER: readonly Field[] = ["name", "code", "websiteUrl", "privacyUrl", "contactEmail", "logo"];

/** The partner's details as a form's fields (add and edit), each with its message and what was typed. */
export function PartnerFields({ values, errors, withLogo }: { values: Partial<PartnerFormValues>; errors: Partial<Record<Field, string>>; withLogo: boolean }) {
  const { t } = useTranslation("organizePartners");
  const shown = ORDER.filter((f) => errors[f]);
  const field = (name: Exclude<Field, "logo">, type: "text" | "url" | "email", extra: { hint?: string; maxLength: number; autoComplete?: string }) => {
    const id = `partner-${name}`;
    const hintId = extra.hint ? `${id}-hint` : null;
    const errorId = errors[name] ? `${id}-error` : null;
    return (
      <div className="form-field">
        <label htmlFor={id}>{t(`partners.fields.${name}`)}</label>
        {extra.hint ? (
          <small id={hintId!} className="hint">
            {extra.hint}
          </small>
        ) : null}
        <FieldError id={`${id}-error`} message={errors[name] ? t(errors[name]!) : undefined} />
        <input
          id={id}
          name={name}
          type={type}
          dir={type === "text" ? "auto" : "ltr"}
          maxLength={extra.maxLength}
          autoComplete={extra.autoComplete ?? "off"}
          defaultValue={values[name] ?? ""}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        />
      </div>
    );
  };
  return (
    <>
      {shown.length > 0 ? <ErrorSummary message={t("partners.errors.summary")} items={shown.map((f) => ({ href: `#partner-${f}`, text: t(errors[f]!) }))} /> : null}
      {field("name", "text", { maxLength: 120, autoComplete: "organization" })}
      {field("code", "text", { maxLength: 32, hint: t("partners.fields.codeHint") })}
      {field("websiteUrl", "url", { maxLength: 500 })}
      {field("privacyUrl", "url", { maxLength: 500 })}
      {field("contactEmail", "email", { maxLength: 254 })}
      <p className="form-check">
        <input id="partner-active" type="checkbox" name="active" defaultChecked={values.active ?? true} />
        <label htmlFor="partner-active">{t("partners.fields.active")}</label>
      </p>
      {withLogo ? <LogoField error={errors.logo ? t(errors.logo) : undefined} /> : null}
    </>
  );
}

/** The logo upload: PNG or SVG, drawn by us into the PNG that is served. */
export function LogoField({ error }: { error?: string }) {
  const { t } = useTranslation("organizePartners");
  return (
    <div className="form-field">
      <label htmlFor="partner-logo">{t("partners.fields.logo")}</label>
      <small id="partner-logo-hint" className="hint">
        {t("partners.fields.logoHint")}
      </small>
      <FieldError id="partner-logo-error" message={error} />
      <input
        id="partner-logo"
        name="logo"
        type="file"
        accept="image/png,image/svg+xml,.png,.svg"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "partner-logo-hint partner-logo-error" : "partner-logo-hint"}
      />
    </div>
  );
}
