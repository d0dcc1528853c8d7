import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableJson, jsonError } from "~/lib/http.server";
import { letterCountView } from "~/modules/letter/letter-page.service.server";

/** GET /api/v1/letters/:slug — a letter campaign's confirmed letters and goal, which its pages poll; no personal data. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const view = await letterCountView(context.readDb, params.slug ?? "");
  if (!view) return jsonError(404, "letter_campaign_not_found");
  // As the petition counts: a short shared-cache life (longer in surge mode), and an ETag for cheap polling.
  const maxAge = context.surge.countsMaxAgeSeconds;
  return cacheableJson(request, view, { maxAge, staleWhileRevalidate: maxAge * 2, cors: true });
}
