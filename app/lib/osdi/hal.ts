/**
 * OSDI speaks HAL+JSON (https://opensupporter.github.io/osdi-docs/): every answer is
 * `application/hal+json`, and an error has a `request_type`, an `error` and a `description`.
 */
export const HAL_CONTENT_TYPE = "application/hal+json; charset=utf-8";

/** The prefix of every identifier we give (`treatywatch:<uuid>`), as Action Network gives `action_network:<uuid>`. */
export const IDENTIFIER_PREFIX = "treatywatch";

export function osdiIdentifier(uuid: string): string {
  return `${IDENTIFIER_PREFIX}:${uuid}`;
}

/** A HAL+JSON answer; never cached by shared caches (it can hold personal data). */
export function halJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": HAL_CONTENT_TYPE, "Cache-Control": "private, no-store", ...init.headers },
  });
}

/** An OSDI error answer, e.g. `osdiError(403, "forbidden", "This key lacks the read:people scope")`. */
export function osdiError(status: number, error: string, description: string, headers: Record<string, string> = {}): Response {
  return halJson({ request_type: "error", error, description }, { status, headers });
}
