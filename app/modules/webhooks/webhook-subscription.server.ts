import type { WebhookEventName } from "../../../db/schema";
import { isWebhookEvent, WEBHOOK_EVENTS } from "./webhook-events";
import { webhookUrlProblem, type WebhookUrlProblem } from "./webhook-address.server";

const LANGUAGES = ["en", "ar", "zh", "es", "fr", "ru"] as const;

/** What a subscription is made from, as typed in a form, on a command line or in an API body. */
export interface SubscriptionForm {
  url: string;
  events: string | readonly string[];
  ownerEmail: string;
  language?: string;
}

export interface SubscriptionInput {
  url: string;
  events: WebhookEventName[];
  ownerEmail: string;
  language: string;
}

/** Error codes by field: translation keys under organizeApi.webhooks.errors, OSDI error descriptions in the API. */
export type SubscriptionErrors = Partial<Record<"url" | "events" | "ownerEmail", WebhookUrlProblem | "events_required" | "event_unknown" | "email_invalid">>;

const OWNER_EMAIL = /^[^\s@<>A-Z]+@[^\s@<>A-Z]+\.[^\s@<>A-Z]+$/u;

/** Checks the form of a new subscription (not yet where its host resolves: that is the service's, with DNS). */
export function parseSubscriptionForm(form: SubscriptionForm, allowPrivate: boolean): { ok: true; input: SubscriptionInput } | { ok: false; errors: SubscriptionErrors } {
  const errors: SubscriptionErrors = {};
  const url = webhookUrlProblem(form.url, allowPrivate);
  if (!url.ok) errors.url = url.problem;
  const words = (typeof form.events === "string" ? form.events.split(",") : [...form.events]).map((e) => e.trim()).filter((e) => e !== "");
  if (words.length === 0) errors.events = "events_required";
  else if (!words.every(isWebhookEvent)) errors.events = "event_unknown";
  const ownerEmail = form.ownerEmail.normalize("NFC").trim().toLowerCase();
  if (!OWNER_EMAIL.test(ownerEmail) || ownerEmail.length > 254) errors.ownerEmail = "email_invalid";
  if (!url.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const language = (LANGUAGES as readonly string[]).includes(form.language ?? "") ? form.language! : "en";
  return { ok: true, input: { url: url.url.href, events: WEBHOOK_EVENTS.filter((e) => words.includes(e)), ownerEmail, language } };
}
