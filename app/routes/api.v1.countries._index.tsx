import type { LoaderFunctionArgs } from "@remix-run/node";
import { allCountryNameOverrides } from "~/lib/i18n/all-name-overrides.server";
import { cacheableJson } from "~/lib/http.server";
import { isoDay } from "~/modules/country/treaty-standing.server";
import { countriesForApi } from "~/web/country-api.server";

/** GET /api/v1/countries — every country's status, names and signature date. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const body = await countriesForApi(context.readDb, context.config.treaty.slug, allCountryNameOverrides(), isoDay(new Date()));
  return cacheableJson(request, body, { maxAge: 60, staleWhileRevalidate: 600, cors: true });
}
