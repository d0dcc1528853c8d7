import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { halJson, osdiUrls, requirePageRequest } from "~/web/api-osdi.server";
import { campaignResource, collection } from "~/modules/api/osdi-resources.server";
import { listCampaigns } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/advocacy_campaigns — published letter campaigns (a partner key: the ones its partner runs). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:campaigns");
  const page = requirePageRequest(request);
  const found = await listCampaigns(context.db, caller, page);
  const urls = osdiUrls(request, context);
  return halJson(collection("advocacy_campaigns", found, page, new URL(request.url), found.rows.map((r) => campaignResource(r, urls))));
}
