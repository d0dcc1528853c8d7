/**
 * The fields of a form POST. A url-encoded body (what browsers send for our
 * forms) is parsed directly, which costs a fraction of `request.formData()`;
 * anything else (multipart) goes through the standard parser.
 */
export async function readForm(request: Request): Promise<{ get(name: string): unknown }> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded")) return new URLSearchParams(await request.text());
  return request.formData();
}
