import type { AppLoadContext } from "@remix-run/node";
import { halJson, osdiError } from "../lib/osdi/hal";
import { parsePageRequest, type PageRequest } from "../lib/osdi/paging";
import { recordAudit } from "../modules/audit/audit.repo.server";
import type { ApiCaller } from "../modules/api/api-scopes";
import type { Urls } from "../modules/api/osdi-resources.server";
import { findPerson, idOfParam, type PersonRecord } from "../modules/api/osdi.service.server";
import { requireApiCaller } from "./api-caller.server";

/** Where links point: this API as the client reached it, and the public site for browser_url. */
export function osdiUrls(request: Request, context: AppLoadContext): Urls {
  return { api: new URL(request.url).origin, site: context.config.server.publicUrl };
}

/** The page a collection request asks for; a 400 OSDI error naming the parameter otherwise. */
export function requirePageRequest(request: Request): PageRequest {
  const parsed = parsePageRequest(new URL(request.url).searchParams);
  if (!parsed.ok) throw osdiError(400, "bad_request", `${parsed.field}: ${parsed.message}`);
  return parsed.value;
}

export const osdiNotFound = () => osdiError(404, "not_found", "No such resource, or not one this key may see.");

/**
 * One audit line per answer that carried personal data: which key, which route, how many rows.
 * Never what the rows held.
 */
export async function auditPersonalRead(context: AppLoadContext, caller: ApiCaller, route: string, rows: number): Promise<void> {
  await recordAudit(context.db, {
    actor: { id: null, email: `api-key:${caller.label}` },
    action: "api.read_people",
    subject: route,
    details: { keyId: caller.keyId, label: caller.label, partnerId: caller.partnerId, route, rows },
  });
}

/** The caller (scope read:people) and the person of `/people/:id…` it may see; a 404 OSDI error otherwise. */
export async function requirePersonFor(request: Request, context: AppLoadContext, param: string | undefined): Promise<{ caller: ApiCaller; person: PersonRecord }> {
  const caller = await requireApiCaller(request, context, "read:people");
  const id = idOfParam(param);
  const person = id ? await findPerson(context.db, caller, id, context.config.server.sessionSecrets) : null;
  if (!person) throw osdiNotFound();
  return { caller, person };
}

export { halJson };
