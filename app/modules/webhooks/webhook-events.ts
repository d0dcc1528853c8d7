import type { WebhookEventName } from "../../../db/schema";

/** Every event a subscription may ask for, in the order the organizer area lists them (the migration checks the same list). */
export const WEBHOOK_EVENTS: readonly WebhookEventName[] = ["signature.confirmed", "signature.withdrawn", "letter.sent", "country.status_changed", "update.sent"];

export function isWebhookEvent(value: unknown): value is WebhookEventName {
  return typeof value === "string" && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/**
 * What the action's transaction writes down: ids and facts the delivery body is built from later.
 * `person` names whose action it is (null for a public event) and the partner they agreed to.
 */
export type WebhookEventRecord =
  | { event: "signature.confirmed" | "signature.withdrawn"; data: { signatureId: string; petitionId: number }; person: EventPerson }
  | { event: "letter.sent"; data: { letterId: string; campaignId: number }; person: EventPerson }
  | { event: "country.status_changed"; data: { statusChangeIds: string[] }; person: null }
  | { event: "update.sent"; data: { updateId: string }; person: null };

export interface EventPerson {
  emailKey: string;
  partnerId: number | null;
  partnerConsent: boolean;
}
