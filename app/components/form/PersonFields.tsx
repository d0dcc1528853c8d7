import { LANGUAGE_ENDONYMS, SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";

/**
 * The fields and pieces the public forms share (sign, follow): the error summary, a field's
 * message, the email address, the language of the mails, the honeypot. Each form names its
 * ids (`prefix`) and passes its texts already translated, so the forms' namespaces stay theirs.
 */

/** Ids of a field: the input's, and its message's when it has one. */
export interface FieldIds {
  id: string;
  errorId: string;
}

/** The list of what to correct at the top of a refused form, each item a link to its field. */
export function ErrorSummary({ message, items }: { message: string; items: readonly { href: string; text: string }[] }) {
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <p>{message}</p>
      {items.length > 0 ? (
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <a href={item.href}>{item.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

const describedBy = (...ids: (string | null | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

/** The email address: required, with a hint under its label and the message by it. */
export function EmailField({ ids, label, hint, error, defaultValue }: { ids: FieldIds; label: string; hint: string; error?: string; defaultValue?: string }) {
  const hintId = `${ids.id}-hint`;
  return (
    <div className="form-field">
      <label htmlFor={ids.id}>{label}</label>
      <small id={hintId} className="hint">
        {hint}
      </small>
      <FieldError id={ids.errorId} message={error} />
      <input
        id={ids.id}
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        maxLength={254}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error ? ids.errorId : null, hintId)}
      />
    </div>
  );
}

/** The language of the mails, each named in itself; the page's language by default. */
export function LanguageField({ ids, label, error, defaultValue }: { ids: FieldIds; label: string; error?: string; defaultValue: string }) {
  return (
    <div className="form-field">
      <label htmlFor={ids.id}>{label}</label>
      <FieldError id={ids.errorId} message={error} />
      <select id={ids.id} name="language" defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy(error ? ids.errorId : null)}>
        {SUPPORTED_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_ENDONYMS[code]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** People never see or reach this field; bots that fill every input do. */
export function HoneypotField({ id, label }: { id: string; label: string }) {
  return (
    <div className="hp-field" aria-hidden="true">
      <label htmlFor={id}>{label}</label>
      <input id={id} name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

/** The privacy line and the submit button, which says it is sending while it is; `text` gives each of their words. */
export function PrivacyAndSubmit({ lng, text, busy }: { lng: string; text: (key: "privacy" | "privacyLink" | "submit" | "submitting") => string; busy: boolean }) {
  return (
    <>
      <p className="privacy-notice">
        {text("privacy")} <a href={`/${lng}/privacy`}>{text("privacyLink")}</a>
      </p>
      <button type="submit" disabled={busy}>
        {busy ? text("submitting") : text("submit")}
      </button>
    </>
  );
}
