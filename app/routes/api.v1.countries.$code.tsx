import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { allCountryNameOverrides } from "~/lib/i18n/all-name-overrides.server";
import { cacheableJson, jsonError } from "~/lib/http.server";
import { isoDay } from "~/modules/country/treaty-standing.server";
import { countryForApi } from "~/web/country-api.server";

/** GET /api/v1/countries/:code — one country's facts, each with its source. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lookup = await countryForApi(context.readDb, context.config.treaty.slug, params.code ?? "", allCountryNameOverrides(), isoDay(new Date()));
  if (lookup.kind === "not_found") return jsonError(404, "country_not_found");
  if (lookup.kind === "redirect") {
    return redirect(`/api/v1/countries/${lookup.segment}`, { status: 301, headers: { "Access-Control-Allow-Origin": "*" } });
  }
  return cacheableJson(request, lookup.body, { maxAge: 60, staleWhileRevalidate: 600, cors: true });
}
