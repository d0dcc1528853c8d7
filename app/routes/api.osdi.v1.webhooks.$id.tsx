import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { halJson, osdiError } from "~/lib/osdi/hal";
import { requireApiCaller } from "~/web/api-caller.server";
import { actorOfCaller, scopeOfCaller, webhookResource } from "~/web/webhooks-api.server";
import { deleteSubscription, subscriptionInScope } from "~/modules/webhooks/webhook-subscriptions.service.server";

const notFound = () => osdiError(404, "not_found", "No such webhook subscription for this key.");

/** GET /api/osdi/v1/webhooks/:id — one subscription the key may manage. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "manage:webhooks");
  const subscription = await subscriptionInScope(context.db, params.id ?? "", scopeOfCaller(caller));
  return subscription ? halJson(webhookResource(context.config.server.publicUrl, subscription)) : notFound();
}

/** DELETE /api/osdi/v1/webhooks/:id — unsubscribes (nothing more is delivered to it). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const caller = await requireApiCaller(request, context, "manage:webhooks");
  if (request.method !== "DELETE") return osdiError(405, "method_not_allowed", "DELETE to unsubscribe.", { Allow: "GET, DELETE" });
  const deleted = await deleteSubscription(context.db, params.id ?? "", scopeOfCaller(caller), actorOfCaller(caller));
  return deleted ? halJson({ notice: "Webhook subscription deleted." }) : notFound();
}
