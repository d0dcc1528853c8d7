import type { DeliveryMode, LetterRoute } from "../../../db/schema";

export type RouteReason = "digest_mode" | "over_cap" | "identical";
export type RouteDecision = { route: Extract<LetterRoute, "individual"> } | { route: Extract<LetterRoute, "digest">; reason: RouteReason };

export interface RouteInput {
  mode: DeliveryMode;
  /** This letter's place among today's letters to the target in this campaign (1 for the first). */
  placeToday: number;
  dailyCap: number;
  /** Letters with the same words already confirmed to this target. */
  identicalBefore: number;
  identicalThreshold: number;
}

/**
 * How one confirmed letter reaches one target. A person reads letters one by
 * one until there are too many to read: past the daily cap, or once the same
 * words arrive again and again, they are gathered into the next daily digest
 * (counted and quoted there, never dropped).
 */
export function deliveryRoute(input: RouteInput): RouteDecision {
  if (input.mode === "digest") return { route: "digest", reason: "digest_mode" };
  if (input.placeToday > input.dailyCap) return { route: "digest", reason: "over_cap" };
  if (input.identicalBefore >= input.identicalThreshold) return { route: "digest", reason: "identical" };
  return { route: "individual" };
}

/** The UTC calendar day of a moment, as a `date` column holds it. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The words that make letters "the same": the body and personal paragraph,
 * case, punctuation and spacing ignored (a copied letter with a changed comma
 * is still a copy). Hashed by the caller.
 */
export function fingerprintText(body: string, personal: string): string {
  const words = (text: string) =>
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\p{P}\p{S}]+/gu, " ")
      .split(/\s+/u)
      .filter(Boolean)
      .join(" ");
  return `${words(body)}\n${words(personal)}`;
}
