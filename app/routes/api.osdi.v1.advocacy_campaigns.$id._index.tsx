import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { halJson, osdiNotFound, osdiUrls } from "~/web/api-osdi.server";
import { campaignResource } from "~/modules/api/osdi-resources.server";
import { findCampaign, idOfParam } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/advocacy_campaigns/:id — one letter campaign. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:campaigns");
  const id = idOfParam(params.id);
  const campaign = id ? await findCampaign(context.db, caller, id) : null;
  if (!campaign) throw osdiNotFound();
  return halJson(campaignResource(campaign, osdiUrls(request, context)));
}
