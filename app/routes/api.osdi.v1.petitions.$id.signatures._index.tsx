import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { osdiError } from "~/lib/osdi/hal";
import { requireApiCaller } from "~/web/api-caller.server";
import { auditPersonalRead, halJson, osdiNotFound, osdiUrls, requirePageRequest } from "~/web/api-osdi.server";
import { recordAudit } from "~/modules/audit/audit.repo.server";
import { collection, signatureResource } from "~/modules/api/osdi-resources.server";
import { recordSignature } from "~/modules/api/osdi-record.server";
import { findPetition, idOfParam, listSignatures } from "~/modules/api/osdi.service.server";

/** Largest record-signature body read. */
const MAX_BODY_BYTES = 16_384;

/** GET /api/osdi/v1/petitions/:id/signatures — the petition's confirmed and withdrawn signatures the key may see. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, "read:people");
  const id = idOfParam(params.id);
  const petition = id ? await findPetition(context.db, caller, id) : null;
  if (!petition) throw osdiNotFound();
  const page = requirePageRequest(request);
  const found = await listSignatures(context.db, caller, { petitionId: petition.sort_id }, page);
  await auditPersonalRead(context, caller, "petitions/:id/signatures", found.rows.length);
  const urls = osdiUrls(request, context);
  return halJson(collection("signatures", found, page, new URL(request.url), found.rows.map((r) => signatureResource(r, urls))));
}

/** POST /api/osdi/v1/petitions/:id/signatures — the record-signature helper (scope write:signatures). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw osdiError(405, "method_not_allowed", "Only POST records a signature.", { Allow: "GET, POST" });
  const caller = await requireApiCaller(request, context, "write:signatures");
  const id = idOfParam(params.id);
  if (!id) throw osdiNotFound();
  const raw = await request.text();
  if (Buffer.byteLength(raw, "utf8") > MAX_BODY_BYTES) throw osdiError(413, "too_large", `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw osdiError(400, "bad_request", "body: not JSON.");
  }
  const outcome = await recordSignature(context.db, caller, id, body, { config: context.config.signing, secrets: context.config.server.sessionSecrets, now: new Date() });
  switch (outcome.kind) {
    case "not_found":
      throw osdiNotFound();
    case "closed":
      throw osdiError(409, "closed", "This petition is closed.");
    case "busy":
      throw osdiError(429, "busy", "This person was recorded too often in the last minute; try again later.");
    case "invalid":
      throw osdiError(400, "bad_request", `${outcome.field}: ${outcome.message}`);
    case "recorded": {
      await recordAudit(context.db, {
        actor: { id: null, email: `api-key:${caller.label}` },
        action: "api.record_signature",
        subject: "petitions/:id/signatures",
        details: { keyId: caller.keyId, label: caller.label, partnerId: caller.partnerId, petition: id },
      });
      const urls = osdiUrls(request, context);
      const now = new Date().toISOString();
      // A repeat of an earlier signature is answered alike (the person is mailed as for the form), without naming the earlier one.
      const resource = outcome.signature
        ? signatureResource({ ...outcome.signature, status: "pending", petition_uuid: outcome.petitionUuid, person_uuid: null }, urls)
        : { created_date: now, modified_date: now, "treatywatch:status": "pending", _links: { "osdi:petition": { href: `${urls.api}/api/osdi/v1/petitions/${outcome.petitionUuid}` } } };
      return halJson(resource, { status: 201 });
    }
  }
}
