import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { halJson, osdiUrls, requirePageRequest } from "~/web/api-osdi.server";
import { collection, petitionResource } from "~/modules/api/osdi-resources.server";
import { listPetitions } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/petitions — published petitions (a partner key: the ones its partner runs), by modified_date. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:campaigns");
  const page = requirePageRequest(request);
  const found = await listPetitions(context.db, caller, page);
  const urls = osdiUrls(request, context);
  return halJson(collection("petitions", found, page, new URL(request.url), found.rows.map((r) => petitionResource(r, urls))));
}
