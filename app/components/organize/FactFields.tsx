import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FactField as FactFieldName } from "~/modules/country/fact-form";
import { CONFIDENCES, TREATY_FACT_KINDS } from "~/modules/country/treaty-facts";

type Errors = Partial<Record<FactFieldName, string>>;
type Values = Record<string, string>;

/** One labelled field of a facts form, with its localized error by it and what was typed kept. */
export function FactField({
  form,
  name,
  label,
  hint,
  errors,
  values,
  kind = "text",
  children,
}: {
  form: string;
  name: FactFieldName;
  label: string;
  hint?: string;
  errors: Errors;
  values: Values;
  kind?: "text" | "date" | "url" | "textarea" | "select";
  children?: ReactNode;
}) {
  const { t } = useTranslation("organize");
  const id = `${form}-${name}`;
  const described = [hint ? `${id}-hint` : null, errors[name] ? `${id}-error` : null].filter(Boolean).join(" ");
  const attributes = { id, name, defaultValue: values[name] ?? "", ...(errors[name] ? { "aria-invalid": true } : {}), ...(described ? { "aria-describedby": described } : {}) };
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors[name] ? (
        <p className="field-error" id={`${id}-error`}>
          {t(errors[name]!)}
        </p>
      ) : null}
      {kind === "select" ? (
        <select {...attributes}>{children}</select>
      ) : kind === "textarea" ? (
        <textarea rows={4} {...attributes} />
      ) : (
        <input type={kind} {...attributes} />
      )}
    </div>
  );
}

/**
 * The fields of one treaty fact of any kind: what happened, the day (optional when the source
 * gives none), the source, how sure it is, notes, and a declaration's text and link.
 */
export function TreatyFactFields({ form, errors, values, declaration = true }: { form: string; errors: Errors; values: Values; declaration?: boolean }) {
  const { t } = useTranslation("organize");
  const common = { form, errors, values };
  return (
    <>
      <FactField {...common} name="action" label={t("facts.fields.action")} kind="select">
        {TREATY_FACT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`facts.actions.${kind}`)}
          </option>
        ))}
      </FactField>
      <FactField {...common} name="date" label={t("facts.fields.date")} hint={t("facts.hints.date")} kind="date" />
      <FactField {...common} name="sourceUrl" label={t("facts.fields.sourceUrl")} kind="url" />
      <FactField {...common} name="confidence" label={t("facts.fields.confidence")} hint={t("facts.hints.confidence")} kind="select">
        <option value="">{t("facts.confidenceFromSource")}</option>
        {CONFIDENCES.map((confidence) => (
          <option key={confidence} value={confidence}>
            {t(`facts.confidenceChoices.${confidence}`)}
          </option>
        ))}
      </FactField>
      <FactField {...common} name="notes" label={t("facts.fields.notes")} hint={t("facts.hints.notes")} kind="textarea" />
      {declaration ? (
        <fieldset>
          <legend>{t("facts.declarationLegend")}</legend>
          <FactField {...common} name="declarationText" label={t("facts.fields.declarationText")} kind="textarea" />
          <FactField {...common} name="declarationUrl" label={t("facts.fields.declarationUrl")} kind="url" />
        </fieldset>
      ) : null}
    </>
  );
}
