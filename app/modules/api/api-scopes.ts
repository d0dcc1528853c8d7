import type { ApiScope } from "../../../db/schema";

/** Every scope a key may carry, in the order the organizer area lists them (the migration checks the same list). */
export const API_SCOPES: readonly ApiScope[] = ["read:campaigns", "read:people", "write:signatures", "manage:webhooks"];

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === "string" && (API_SCOPES as readonly string[]).includes(value);
}

/**
 * Scopes as typed on a command line or in a form (`read:campaigns,read:people`): every one known,
 * none twice, at least one. Returns the scopes in API_SCOPES order, or the first unknown word.
 */
export function parseScopes(typed: string | readonly string[]): { ok: true; scopes: ApiScope[] } | { ok: false; unknown: string | null } {
  const words = (typeof typed === "string" ? typed.split(",") : [...typed]).map((w) => w.trim()).filter((w) => w !== "");
  if (words.length === 0) return { ok: false, unknown: null };
  const unknown = words.find((w) => !isApiScope(w));
  if (unknown !== undefined) return { ok: false, unknown };
  return { ok: true, scopes: API_SCOPES.filter((s) => words.includes(s)) };
}

/** Who calls the API: a key's id and label, its scopes, and the partner it acts for (null: the whole platform). */
export interface ApiCaller {
  keyId: string;
  label: string;
  scopes: readonly ApiScope[];
  partnerId: number | null;
}

export function callerMay(caller: ApiCaller, scope: ApiScope): boolean {
  return caller.scopes.includes(scope);
}
