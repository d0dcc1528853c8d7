import type { TestServer } from "./test-server";

/** A url-encoded form POST as a browser without JavaScript sends it (repeated keys for arrays); redirects are not followed. */
export function postForm(
  server: Pick<TestServer, "base">,
  path: string,
  fields: Record<string, string | string[]> | URLSearchParams,
  headers: Record<string, string> = {},
): Promise<Response> {
  let body = fields;
  if (!(fields instanceof URLSearchParams)) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return fetch(`${server.base}${path}`, {
    method: "POST",
    body: body as URLSearchParams,
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}
