import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { auditPersonalRead, halJson, osdiNotFound, osdiUrls } from "~/web/api-osdi.server";
import { signatureResource } from "~/modules/api/osdi-resources.server";
import { findPetition, findSignature, idOfParam } from "~/modules/api/osdi.service.server";

/** GET /api/osdi/v1/petitions/:id/signatures/:signatureId — one signature. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:people");
  const id = idOfParam(params.id);
  const signatureId = idOfParam(params.signatureId);
  const petition = id ? await findPetition(context.db, caller, id) : null;
  const signature = petition && signatureId ? await findSignature(context.db, caller, petition.sort_id, signatureId) : null;
  if (!signature) throw osdiNotFound();
  await auditPersonalRead(context, caller, "petitions/:id/signatures/:signatureId", 1);
  return halJson(signatureResource(signature, osdiUrls(request, context)));
}
