import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { auditPersonalRead, halJson, osdiNotFound, osdiUrls, requirePageRequest } from "~/web/api-osdi.server";
import { collection, outreachResource } from "~/modules/api/osdi-resources.server";
import { findCampaign, idOfParam, listOutreaches } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/advocacy_campaigns/:id/outreaches — the campaign's sent letters the key may see. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:people");
  const id = idOfParam(params.id);
  const campaign = id ? await findCampaign(context.db, caller, id) : null;
  if (!campaign) throw osdiNotFound();
  const page = requirePageRequest(request);
  const found = await listOutreaches(context.db, caller, { campaignId: campaign.sort_id }, page);
  await auditPersonalRead(context, caller, "advocacy_campaigns/:id/outreaches", found.rows.length);
  const urls = osdiUrls(request, context);
  return halJson(collection("outreaches", found, page, new URL(request.url), found.rows.map((r) => outreachResource(r, urls))));
}
