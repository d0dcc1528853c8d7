/**
 * Error output without people. A database error carries the values of the
 * statement that failed (PGlite: every bound parameter; both drivers: the
 * `detail` "Key (email)=(ann@example.org) already exists", the row that broke
 * a constraint), and logging the error object prints them all. What is
 * logged here is the error's kind, its message with addresses, tokens and
 * quoted values taken out, the SQLSTATE and constraint, and the stack frames.
 */

/** No `/` on either side: `node_modules/@remix-run/…` in a stack frame is no address. */
const EMAIL = /[^\s"'<>()[\]{}@,;:/\\]+@[^\s"'<>()[\]{}@,;:/\\]+/gu;
/** Our signed tokens (`payload.mac`, base64url) and other long opaque strings. */
const TOKEN = /\b[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{16,}\b/gu;
/** PostgreSQL quotes the offending value at the end: `invalid input syntax for type bigint: "…"`. */
const QUOTED_VALUE = /: "(?:[^"]|"")*"$/u;

/** A message or line with addresses, tokens and quoted input values replaced. */
export function scrubText(text: string): string {
  return text.replace(EMAIL, "[email]").replace(TOKEN, "[token]").replace(QUOTED_VALUE, ': "[value]"');
}

const SAFE_FIELDS = ["code", "constraint", "constraint_name", "table", "table_name", "routine"] as const;

/** One error as the log may keep it: name, scrubbed message, safe database fields, stack frames, causes. */
export function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) {
    if (error instanceof Response) return `a thrown response ${error.status} ${error.statusText}`;
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number") return `a thrown response ${status}`;
    return `a thrown ${typeof error}: ${scrubText(String(error)).slice(0, 200)}`;
  }
  const fields = SAFE_FIELDS.map((key) => [key, (error as unknown as Record<string, unknown>)[key]] as const)
    .filter(([, value]) => typeof value === "string" && value !== "")
    .map(([key, value]) => `${key}=${scrubText(String(value))}`);
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /u.test(line))
    .map(scrubText);
  const lines = [`${error.name}: ${scrubText(error.message)}${fields.length ? ` (${fields.join(", ")})` : ""}`, ...frames];
  if (error.cause !== undefined && depth < 3) lines.push(`caused by: ${describeError(error.cause, depth + 1)}`);
  return lines.join("\n");
}

/** `console.error` for anything that may have come near personal data. */
export function logError(context: string, error: unknown): void {
  console.error(`${context}: ${describeError(error)}`);
}
