import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TargetColumn } from "~/modules/letter/target-row";

export type TargetValues = Record<TargetColumn, string>;

/** One decision maker to write to: the CSV's columns as a form, each message by its field. */
export function TargetForm({ csrf, countries, values, problems }: { csrf: string; countries: { code3: string; name: string }[]; values: TargetValues; problems: Partial<Record<TargetColumn, string>> }) {
  const { t } = useTranslation("organize");
  const field = (column: TargetColumn, input: (props: Record<string, unknown>) => React.ReactNode) => {
    const id = `target-${column}`;
    const problem = problems[column];
    return (
      <div className="form-field">
        <label htmlFor={id}>{t(`targets.form.fields.${column}`)}</label>
        {problem ? (
          <p className="field-error" id={`${id}-error`}>
            {t(`targets.form.errors.${problem}`)}
          </p>
        ) : null}
        {input({ id, name: column, ...(problem ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {}) })}
      </div>
    );
  };
  return (
    <Form method="post" className="sign-form">
      <input type="hidden" name="csrf" value={csrf} />
      {field("country", (p) => (
        <select {...p} defaultValue={values.country}>
          <option value="">—</option>
          {countries.map((c) => (
            <option key={c.code3} value={c.code3}>
              {c.name}
            </option>
          ))}
        </select>
      ))}
      {field("name", (p) => <input {...p} defaultValue={values.name} />)}
      {field("role", (p) => <input {...p} defaultValue={values.role} />)}
      {field("organization", (p) => <input {...p} defaultValue={values.organization} />)}
      {field("email", (p) => <input {...p} type="email" defaultValue={values.email} />)}
      {field("language", (p) => <input {...p} defaultValue={values.language} />)}
      {field("source_url", (p) => <input {...p} type="url" defaultValue={values.source_url} />)}
      <p className="form-check">
        <input id="target-active" type="checkbox" name="active" value="yes" defaultChecked={values.active !== "no"} />
        <label htmlFor="target-active">{t("targets.form.fields.active")}</label>
      </p>
      {/* Off unless an organizer says so: only then may a visitor be handed the address. */}
      <div className="form-check">
        <input id="target-email_public" type="checkbox" name="email_public" value="yes" defaultChecked={values.email_public === "yes"} aria-describedby="target-email_public-hint" />
        <div>
          <label htmlFor="target-email_public">{t("targets.form.fields.email_public")}</label>
          <small className="hint" id="target-email_public-hint">
            {t("targets.form.hints.email_public")}
          </small>
        </div>
      </div>
      <button type="submit">{t("targets.form.save")}</button>
    </Form>
  );
}
