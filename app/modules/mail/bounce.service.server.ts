import { timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isValidEmailAddress } from "./mail-address";
import { suppressAddress } from "./outbox.repo.server";

export interface BounceReport {
  email: string;
  type: "bounce" | "complaint";
}

export type BounceIntakeResult =
  | { ok: true; suppressed: number }
  | { ok: false; status: 401 | 400 | 503; code: "unauthorized" | "invalid_body" | "not_configured" };

/** Constant-time comparison, so the secret cannot be guessed byte by byte. */
export function secretMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Parses `{ "email", "type" }` or a list of them; anything else is refused whole. */
export function parseBounceReports(body: unknown): BounceReport[] | null {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0 || items.length > 1000) return null;
  const reports: BounceReport[] = [];
  for (const item of items) {
    const { email, type } = (item ?? {}) as { email?: unknown; type?: unknown };
    if (typeof email !== "string" || !isValidEmailAddress(email.trim())) return null;
    if (type !== "bounce" && type !== "complaint") return null;
    reports.push({ email: email.trim(), type });
  }
  return reports;
}

/** A provider tells us an address bounced or complained: never mail it again. */
export async function receiveBounces(
  db: Kysely<Database>,
  input: { secretGiven: string | null; secretExpected: string | undefined; body: unknown; signingSecrets: readonly string[] },
): Promise<BounceIntakeResult> {
  if (!input.secretExpected) return { ok: false, status: 503, code: "not_configured" };
  if (!input.secretGiven || !secretMatches(input.secretGiven, input.secretExpected)) return { ok: false, status: 401, code: "unauthorized" };
  const reports = parseBounceReports(input.body);
  if (!reports) return { ok: false, status: 400, code: "invalid_body" };
  await db.transaction().execute(async (trx) => {
    for (const report of reports) await suppressAddress(trx, report.email, report.type === "bounce" ? "bounced" : "complained", input.signingSecrets);
  });
  return { ok: true, suppressed: reports.length };
}
