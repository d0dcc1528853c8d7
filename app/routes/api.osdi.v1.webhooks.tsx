import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { halJson, osdiError } from "~/lib/osdi/hal";
import { requireApiCaller } from "~/web/api-caller.server";
import { createWebhookFromApi, scopeOfCaller, webhookResource } from "~/web/webhooks-api.server";
import { listSubscriptions } from "~/modules/webhooks/webhook-subscriptions.service.server";

/** GET /api/osdi/v1/webhooks — the caller's subscriptions (a partner key: its partner's only). Scope manage:webhooks. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "manage:webhooks");
  const base = context.config.server.publicUrl;
  const subscriptions = await listSubscriptions(context.db, scopeOfCaller(caller));
  return halJson({
    total_records: subscriptions.length,
    _links: { self: { href: `${base}/api/osdi/v1/webhooks` } },
    _embedded: { "treatywatch:webhooks": subscriptions.map((s) => webhookResource(base, s)) },
  });
}

/** POST /api/osdi/v1/webhooks — subscribes; the answer holds the signing secret, this once. */
export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireApiCaller(request, context, "manage:webhooks");
  if (request.method !== "POST") return osdiError(405, "method_not_allowed", "POST to subscribe; DELETE /api/osdi/v1/webhooks/:id to unsubscribe.", { Allow: "GET, POST" });
  return createWebhookFromApi(request, context, caller);
}
