import type { AppLoadContext } from "@remix-run/node";
import type { ApiScope } from "../../db/schema";
import { osdiError } from "../lib/osdi/hal";
import { takeHit } from "../lib/rate-limit.server";
import { callerOfKey } from "../modules/api/api-keys.server";
import { callerMay, type ApiCaller } from "../modules/api/api-scopes";

/** The header Action Network and OSDI clients send their key in. */
export const API_TOKEN_HEADER = "OSDI-API-Token";

/**
 * The caller of an `/api/osdi/v1` request, allowed `scope`; otherwise throws the OSDI error
 * answer: 401 without a valid key, 403 without the scope, 429 past the key's rate. A null scope:
 * any valid key (the entry point).
 */
export async function requireApiCaller(request: Request, context: AppLoadContext, scope: ApiScope | null): Promise<ApiCaller> {
  const presented = request.headers.get(API_TOKEN_HEADER)?.trim() ?? "";
  const caller = presented === "" ? null : await callerOfKey(context.db, presented, new Date());
  if (!caller) throw osdiError(401, "unauthorized", `Send a valid, unrevoked API key in the ${API_TOKEN_HEADER} header.`);
  const allowed = await takeHit(context.db, `api:${caller.keyId}`, 60, context.config.api.requestsPerMinute);
  if (!allowed) throw osdiError(429, "too_many_requests", `This key may make ${context.config.api.requestsPerMinute} requests a minute.`, { "Retry-After": "60" });
  if (scope !== null && !callerMay(caller, scope)) throw osdiError(403, "forbidden", `This key does not carry the ${scope} scope.`);
  return caller;
}
