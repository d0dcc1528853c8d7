import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditPersonalRead, halJson, osdiUrls, requirePageRequest, requirePersonFor } from "~/web/api-osdi.server";
import { collection, outreachResource } from "~/modules/api/osdi-resources.server";
import { listOutreaches } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/people/:id/outreaches — the person's sent letters the key may see. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { caller, person } = await requirePersonFor(request, context, params.id);
  const page = requirePageRequest(request);
  const found = await listOutreaches(context.db, caller, { emailKey: person.email_key }, page);
  await auditPersonalRead(context, caller, "people/:id/outreaches", found.rows.length);
  const urls = osdiUrls(request, context);
  return halJson(collection("outreaches", found, page, new URL(request.url), found.rows.map((r) => outreachResource(r, urls))));
}
