import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { auditPersonalRead, halJson, osdiNotFound, osdiUrls } from "~/web/api-osdi.server";
import { outreachResource } from "~/modules/api/osdi-resources.server";
import { findCampaign, findOutreach, idOfParam } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/advocacy_campaigns/:id/outreaches/:outreachId — one sent letter. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:people");
  const id = idOfParam(params.id);
  const outreachId = idOfParam(params.outreachId);
  const campaign = id ? await findCampaign(context.db, caller, id) : null;
  const outreach = campaign && outreachId ? await findOutreach(context.db, caller, campaign.sort_id, outreachId) : null;
  if (!outreach) throw osdiNotFound();
  await auditPersonalRead(context, caller, "advocacy_campaigns/:id/outreaches/:outreachId", 1);
  return halJson(outreachResource(outreach, osdiUrls(request, context)));
}
