import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { auditPersonalRead, halJson, osdiUrls, requirePageRequest } from "~/web/api-osdi.server";
import { collection, personResource } from "~/modules/api/osdi-resources.server";
import { listPeople } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/people — the people the key may see (a partner key: only those who consented to its partner). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:people");
  const page = requirePageRequest(request);
  const found = await listPeople(context.db, caller, page, context.config.server.sessionSecrets);
  await auditPersonalRead(context, caller, "people", found.rows.length);
  const urls = osdiUrls(request, context);
  return halJson(collection("people", found, page, new URL(request.url), found.rows.map((r) => personResource(r, caller, urls))));
}
