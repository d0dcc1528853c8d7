import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type InputProps = { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * A labelled field of an organizer editor with its message beside it: the
 * input gets `aria-invalid` and points at the message. `errors` holds message
 * keys of the `organize` namespace by field name.
 */
export function useEditorField(errors: Record<string, string>) {
  const { t } = useTranslation("organize");
  return (name: string, label: ReactNode, input: (props: InputProps) => ReactNode, hint?: ReactNode) => {
    const error = errors[name];
    const describedBy = [error ? `editor-${name}-error` : "", hint ? `editor-${name}-hint` : ""].filter(Boolean).join(" ");
    return (
      <div className="form-field" key={name}>
        <label htmlFor={`editor-${name}`}>{label}</label>
        {hint ? (
          <p className="hint" id={`editor-${name}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={`editor-${name}-error`}>
            {t(error)}
          </p>
        ) : null}
        {input({ id: `editor-${name}`, name, ...(error ? { "aria-invalid": true as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      </div>
    );
  };
}

/** The default language first, then the others: translators work from it. */
export function languagesInEditingOrder(languages: readonly string[], defaultLanguage: string): string[] {
  return [defaultLanguage, ...languages.filter((l) => l !== defaultLanguage)].filter((l) => languages.includes(l));
}

/** What every campaign editor starts with: the CSRF token, the address (set once, at creation) and the default language. */
export function CampaignBasics({
  csrf,
  creating,
  slug,
  defaultLanguage,
  languages,
  field,
}: {
  csrf: string;
  creating: boolean;
  slug: string;
  defaultLanguage: string;
  languages: readonly string[];
  field: ReturnType<typeof useEditorField>;
}) {
  const { t } = useTranslation("organize");
  return (
    <>
      <input type="hidden" name="csrf" value={csrf} />
      {creating ? field("slug", t("editor.slug"), (p) => <input {...p} defaultValue={slug} />) : <input type="hidden" name="slug" value={slug} />}
      {field("defaultLanguage", t("editor.defaultLanguage"), (p) => (
        <select {...p} defaultValue={defaultLanguage}>
          {languages.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      ))}
    </>
  );
}
