import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { auditPersonalRead, halJson, osdiNotFound, osdiUrls } from "~/web/api-osdi.server";
import { personResource } from "~/modules/api/osdi-resources.server";
import { findPerson, idOfParam } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/people/:id — one person the key may see. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:people");
  const id = idOfParam(params.id);
  const person = id ? await findPerson(context.db, caller, id, context.config.server.sessionSecrets) : null;
  if (!person) throw osdiNotFound();
  await auditPersonalRead(context, caller, "people/:id", 1);
  return halJson(personResource(person, caller, osdiUrls(request, context)));
}
