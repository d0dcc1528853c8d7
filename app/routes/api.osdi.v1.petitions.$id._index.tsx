import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { halJson, osdiNotFound, osdiUrls } from "~/web/api-osdi.server";
import { petitionResource } from "~/modules/api/osdi-resources.server";
import { findPetition, idOfParam } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/petitions/:id — one petition. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:campaigns");
  const id = idOfParam(params.id);
  const petition = id ? await findPetition(context.db, caller, id) : null;
  if (!petition) throw osdiNotFound();
  return halJson(petitionResource(petition, osdiUrls(request, context)));
}
