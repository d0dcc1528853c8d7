import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
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
  | { ok: false; refused: BounceRefusal };

/** Why a delivery of reports was refused; the route says it in HTTP. */
export type BounceRefusal = "unauthorized" | "invalid_body" | "not_configured";

/** A key of this process: both sides of a comparison are MACs under it, never the secrets themselves. */
const COMPARISON_KEY = randomBytes(32);

/**
 * Constant-time comparison that reveals neither the secret byte by byte nor its length: both
 * sides are HMAC-SHA-256 digests (32 bytes whatever was sent), compared with timingSafeEqual.
 * A plain length check before the comparison would answer faster for a guess of the wrong
 * length, and so tell how long the secret is.
 */
export function secretMatches(given: string, expected: string): boolean {
  const mac = (value: string) => createHmac("sha256", COMPARISON_KEY).update(value, "utf8").digest();
  return timingSafeEqual(mac(given), mac(expected));
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
  if (!input.secretExpected) return { ok: false, refused: "not_configured" };
  if (!input.secretGiven || !secretMatches(input.secretGiven, input.secretExpected)) return { ok: false, refused: "unauthorized" };
  const reports = parseBounceReports(input.body);
  if (!reports) return { ok: false, refused: "invalid_body" };
  await db.transaction().execute(async (trx) => {
    for (const report of reports) await suppressAddress(trx, report.email, report.type === "bounce" ? "bounced" : "complained", input.signingSecrets);
  });
  return { ok: true, suppressed: reports.length };
}
