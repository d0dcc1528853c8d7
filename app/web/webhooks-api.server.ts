import type { AppLoadContext } from "@remix-run/node";
import { halJson } from "../lib/osdi/hal";
import type { ApiCaller } from "../modules/api/api-scopes";
import { partnerById } from "../modules/partner/partner.repo.server";
import { createSubscription, type SubscriptionScope, type SubscriptionSummary } from "../modules/webhooks/webhook-subscriptions.service.server";

/** What a key may manage: a partner's key its partner's subscriptions only. */
export const scopeOfCaller = (caller: ApiCaller): SubscriptionScope => (caller.partnerId === null ? { kind: "all" } : { kind: "partner", partnerId: caller.partnerId });

export const actorOfCaller = (caller: ApiCaller) => ({ id: null, email: `api-key:${caller.keyId}` });

/** A subscription as the API shows it (never its secret, except once in the answer that created it). */
export function webhookResource(base: string, s: SubscriptionSummary) {
  return {
    identifiers: [`treatywatch:${s.id}`],
    url: s.url,
    events: s.events,
    owner_email: s.ownerEmail,
    partner: s.partnerCode,
    created_date: s.createdAt.toISOString(),
    active: s.active,
    disabled_date: s.disabledAt?.toISOString() ?? null,
    disabled_reason: s.disabledReason,
    _links: { self: { href: `${base}/api/osdi/v1/webhooks/${s.id}` } },
  };
}

const DESCRIPTIONS: Record<string, string> = {
  url_invalid: "url must be an absolute https URL.",
  url_not_https: "url must use https.",
  url_credentials: "url must not carry a user name or password.",
  url_private: "url reaches a loopback, private, link-local or reserved address.",
  url_unresolvable: "url's host does not resolve.",
  events_required: "events must name at least one event.",
  event_unknown: "events may only name signature.confirmed, signature.withdrawn, letter.sent, country.status_changed, update.sent.",
  email_invalid: "owner_email must be an email address.",
};

/** POST /api/osdi/v1/webhooks: `{ url, events, owner_email?, language? }` → 201 with the secret, shown this once. */
export async function createWebhookFromApi(request: Request, context: AppLoadContext, caller: ApiCaller): Promise<Response> {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = await request.json();
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    body = parsed as Record<string, unknown>;
  } catch {
    return halJson({ request_type: "error", error: "invalid_request", description: "The body must be a JSON object: { url, events, owner_email }." }, { status: 400 });
  }
  const partner = caller.partnerId === null ? null : await partnerById(context.db, caller.partnerId);
  const events = Array.isArray(body.events) ? body.events.filter((e): e is string => typeof e === "string") : typeof body.events === "string" ? body.events : "";
  const created = await createSubscription(
    context.db,
    {
      url: typeof body.url === "string" ? body.url : "",
      events,
      ownerEmail: typeof body.owner_email === "string" ? body.owner_email : (partner?.contactEmail ?? ""),
      language: typeof body.language === "string" ? body.language : undefined,
    },
    { actor: actorOfCaller(caller), partnerId: caller.partnerId, apiKeyId: caller.keyId },
    { allowPrivate: context.config.webhooks.allowPrivate, sessionSecrets: context.config.server.sessionSecrets },
  );
  if (!created.ok) {
    const fields = Object.fromEntries(Object.entries(created.errors).map(([field, code]) => [field === "ownerEmail" ? "owner_email" : field, code]));
    const description = Object.values(created.errors).map((code) => DESCRIPTIONS[code!] ?? code).join(" ");
    return halJson({ request_type: "error", error: "invalid_request", description, errors: fields }, { status: 400 });
  }
  const base = context.config.server.publicUrl;
  return halJson(
    { identifiers: [`treatywatch:${created.id}`], secret: created.secret, _links: { self: { href: `${base}/api/osdi/v1/webhooks/${created.id}` } } },
    { status: 201, headers: { Location: `${base}/api/osdi/v1/webhooks/${created.id}` } },
  );
}
