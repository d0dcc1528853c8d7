import { sql, type Expression, type SqlBool } from "kysely";
import type { FactConfidence, TreatyFactAction } from "./schema";

/** A signature and each kind of consent are lodged once per participant; other facts once per source. */
export const ONCE_PER_PARTICIPANT_ACTIONS = [
  "signature",
  "ratification",
  "acceptance",
  "approval",
  "accession",
  "succession",
  "formal_confirmation",
] as const satisfies readonly TreatyFactAction[];

/** The predicate of the unique index on (treaty, country, action), for `on conflict … where`. */
export const ONCE_PER_PARTICIPANT: Expression<SqlBool> = sql<SqlBool>`action in (${sql.join(ONCE_PER_PARTICIPANT_ACTIONS.map((a) => sql.lit(a)))})`;

const DEPOSITARY = /^https?:\/\/(www\.)?treaties\.un\.org(\/|$)/i;
const OFFICIAL = /^https?:\/\/([a-z0-9-]+\.)*(verdragen\.nl|europa\.eu|un\.org|gov|gov\.[a-z]{2}|gouv\.[a-z]{2}|gob\.[a-z]{2})(\/|:|$)/i;

/**
 * How sure a fact is when only its source says: the UN Treaty Collection is the depositary's
 * own record; a government's, the EU's or the UN's own site is `official`; anything else is
 * `press`. Migration 2026-12-05T0200 applied the same rule to the facts recorded before
 * confidences existed; facts entered by hand get it too.
 */
export function sourceConfidence(sourceUrl: string): Exclude<FactConfidence, "reported"> {
  if (DEPOSITARY.test(sourceUrl)) return "depositary";
  return OFFICIAL.test(sourceUrl) ? "official" : "press";
}
