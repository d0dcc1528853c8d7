import type { TestServer } from "./test-server";

/** The hidden form token of a sign form in a page's HTML. */
export function formTokenIn(html: string): string {
  const token = /name="formToken" value="([^"]+)"/u.exec(html)?.[1];
  if (!token) throw new Error("No form token in the page");
  return token;
}

export interface SignFields {
  name?: string;
  email?: string;
  country?: string;
  comment?: string;
  showName?: boolean;
  website?: string;
  ref?: string;
}

/** Opens a sign form (for its token), then submits it as a browser without JavaScript would. */
export async function postSignature(
  server: Pick<TestServer, "base">,
  path: string,
  fields: SignFields,
  { token, headers = {} }: { token?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const formToken = token ?? formTokenIn(await (await fetch(`${server.base}${path}`)).text());
  const body = new URLSearchParams({ formToken, name: "Ann Lee", email: "ann@example.org", country: "FRA", comment: "", website: "", ref: "" });
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "boolean") {
      if (value) body.set(key, "on");
    } else if (value !== undefined) body.set(key, value);
  }
  return fetch(`${server.base}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    redirect: "manual",
  });
}
