import type { LetterRoute, LetterStatus, OutgoingMailStatus } from "../../../db/schema";

export type DeliveryState = "awaiting_confirmation" | "expired" | "on_its_way" | "delivered" | "failed" | "in_next_digest";

export interface RecipientFacts {
  letterStatus: LetterStatus;
  route: LetterRoute;
  /** The letter's own mail (individual route). */
  mailStatus: OutgoingMailStatus | null;
  /** The digest mail that carried it, once gathered (digest route). */
  digestMailStatus: OutgoingMailStatus | null;
}

/** What became of one letter for one person written to, as the sender is told. */
export function deliveryState(facts: RecipientFacts): DeliveryState {
  if (facts.letterStatus === "pending") return "awaiting_confirmation";
  if (facts.letterStatus === "expired") return "expired";
  const mail = facts.route === "digest" ? facts.digestMailStatus : facts.mailStatus;
  if (mail === null) return facts.route === "digest" ? "in_next_digest" : "on_its_way";
  switch (mail) {
    case "sent":
      return "delivered";
    case "failed":
    case "suppressed":
      return "failed";
    default:
      return "on_its_way";
  }
}

/** Only a delivered letter can have been answered. */
export const canRecordReply = (state: DeliveryState) => state === "delivered";

export const DELIVERY_STATES: readonly DeliveryState[] = ["awaiting_confirmation", "on_its_way", "in_next_digest", "delivered", "failed", "expired"];

/** How many letters are in each state, from counts of recipients grouped by their facts. */
export function tallyDeliveryStates(groups: readonly (RecipientFacts & { count: number })[]): Record<DeliveryState, number> {
  const tally = Object.fromEntries(DELIVERY_STATES.map((state) => [state, 0])) as Record<DeliveryState, number>;
  for (const group of groups) tally[deliveryState(group)] += group.count;
  return tally;
}
