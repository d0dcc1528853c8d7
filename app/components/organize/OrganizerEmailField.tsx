/** An organizer's address as typed in a form (signing in, inviting), with the message why it was refused. */
export function OrganizerEmailField({
  label,
  error,
  defaultValue,
  autoComplete,
  required,
}: {
  label: string;
  error: string | null;
  defaultValue: string | undefined;
  autoComplete: "email" | "off";
  required?: true;
}) {
  return (
    <div className="form-field">
      <label htmlFor="organizer-email">{label}</label>
      {error ? (
        <p className="field-error" id="organizer-email-error">
          {error}
        </p>
      ) : null}
      <input
        id="organizer-email"
        name="email"
        type="email"
        autoComplete={autoComplete}
        required={required}
        defaultValue={defaultValue}
        {...(error ? { "aria-invalid": true, "aria-describedby": "organizer-email-error" } : {})}
      />
    </div>
  );
}
