import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditPersonalRead, halJson, osdiUrls, requirePersonFor } from "~/web/api-osdi.server";
import { personResource } from "~/modules/api/osdi-resources.server";

/** GET /api/osdi/v1/people/:id — one person the key may see. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { caller, person } = await requirePersonFor(request, context, params.id);
  await auditPersonalRead(context, caller, "people/:id", 1);
  return halJson(personResource(person, caller, osdiUrls(request, context)));
}
