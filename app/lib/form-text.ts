/** A form field's text as posted; "" when it is missing or not a string (a file). */
export function formText(form: { get(name: string): unknown }, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
