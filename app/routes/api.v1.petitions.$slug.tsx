import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableJson, jsonError } from "~/lib/http.server";
import { getPetitionApiView } from "~/modules/petition/petition-page.service.server";

/** GET /api/v1/petitions/:slug — the count, goal and count by country; no personal data. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const view = await getPetitionApiView(context.readDb, params.slug ?? "", context.config.caches.petitionMs);
  if (!view) return jsonError(404, "petition_not_found");
  // Counts move every few seconds: a short shared-cache life (longer in surge mode), and an ETag for cheap polling.
  const maxAge = context.surge.countsMaxAgeSeconds;
  return cacheableJson(request, view, { maxAge, staleWhileRevalidate: maxAge * 2, cors: true });
}
