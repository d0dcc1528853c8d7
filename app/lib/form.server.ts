/**
 * The fields of a form POST. A url-encoded body (what browsers send for our
 * forms) is parsed directly, which costs a fraction of `request.formData()`;
 * anything else (multipart) goes through the standard parser.
 */
export interface FormFields {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

export async function readForm(request: Request): Promise<FormFields> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded")) return new URLSearchParams(await request.text());
  try {
    return await request.formData();
  } catch {
    // Not a form at all (JSON, plain text, a broken multipart body): treated as an empty
    // form, so the route answers with its own validation messages instead of a 500.
    return new URLSearchParams();
  }
}
