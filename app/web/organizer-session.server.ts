import { createHmac, timingSafeEqual } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, OrganizerRole } from "../../db/schema";
import { can, type Permission } from "../modules/organizer/roles";
import { scopeOfAccount, type OrganizerScope } from "../modules/partner/partner-scope";
import { organizerOfSession, SESSION_TTL_MS, sessionHashOf } from "../modules/organizer/sign-in.service.server";
import type { Config } from "../lib/config.server";

export interface SignedInOrganizer {
  id: number;
  email: string;
  role: OrganizerRole;
  /** The partner a `partner` account acts for; null for every other role. */
  partnerId: number | null;
  sessionHash: string;
  /** Goes in a hidden field of every organizer form; checked on every POST. */
  csrfToken: string;
}

/** The organizer session cookie's name: shared caches in front pass every request that carries it (deploy/nginx.conf). */
export const ORGANIZER_COOKIE_NAME = "tw_organizer";

/** httpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure behind https, signed. */
export function organizerCookie(publicUrl: string, secrets: readonly string[]) {
  return createCookie(ORGANIZER_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    secure: publicUrl.startsWith("https:"),
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
    secrets: [...secrets],
  });
}

function csrfTokenFor(sessionHash: string, secret: string): string {
  return createHmac("sha256", secret).update(`csrf:${sessionHash}`).digest("base64url");
}

function csrfMatches(given: unknown, sessionHash: string, secrets: readonly string[]): boolean {
  if (typeof given !== "string") return false;
  const givenBytes = Buffer.from(given);
  return secrets.some((secret) => {
    const expected = Buffer.from(csrfTokenFor(sessionHash, secret));
    return expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes);
  });
}

export interface GuardContext {
  db: Kysely<Database>;
  config: { server: Pick<Config["server"], "publicUrl" | "sessionSecrets"> };
}

/** The organizer whose live session the request's cookie names, or null. */
export async function currentOrganizer(request: Request, context: GuardContext, now = new Date()): Promise<SignedInOrganizer | null> {
  const value: unknown = await organizerCookie(context.config.server.publicUrl, context.config.server.sessionSecrets).parse(request.headers.get("cookie"));
  if (typeof value !== "string" || value.length < 32) return null;
  const sessionHash = sessionHashOf(value);
  const row = await organizerOfSession(context.db, sessionHash, now);
  return row ? { ...row, sessionHash, csrfToken: csrfTokenFor(sessionHash, context.config.server.sessionSecrets[0]!) } : null;
}

const forbidden = () => new Response("Forbidden", { status: 403, headers: { "Cache-Control": "private, no-store" } });

export type Authorization = { kind: "allowed"; organizer: SignedInOrganizer } | { kind: "sign_in" } | { kind: "forbidden" };

/** Who is asking, and may they do this? (For the guards below, and for handlers outside Remix.) */
export async function authorizeOrganizer(request: Request, context: GuardContext, permission: Permission): Promise<Authorization> {
  const organizer = await currentOrganizer(request, context);
  if (!organizer) return { kind: "sign_in" };
  return can(organizer.role, permission) ? { kind: "allowed", organizer } : { kind: "forbidden" };
}

export type ScopedAuthorization = { kind: "allowed"; organizer: SignedInOrganizer; scope: OrganizerScope } | { kind: "sign_in" } | { kind: "forbidden" };

/**
 * For the pages a partner account shares with the workspace (the home, a campaign's
 * dashboard, its export): a role with `permission` reads the whole workspace, a partner
 * account only its partner's share (the caller narrows to it); anyone else is forbidden.
 */
export async function authorizeScoped(request: Request, context: GuardContext, permission: Permission): Promise<ScopedAuthorization> {
  const organizer = await currentOrganizer(request, context);
  if (!organizer) return { kind: "sign_in" };
  const scope = scopeOfAccount(organizer);
  if (scope?.kind === "partner" || (scope?.kind === "workspace" && can(organizer.role, permission))) return { kind: "allowed", organizer, scope };
  return { kind: "forbidden" };
}

/** The same for a form outside Remix (the export with emails): a missing or wrong CSRF token is forbidden. */
export async function authorizeOrganizerAction(
  request: Request,
  context: GuardContext,
  permission: Permission,
  form: { get(name: string): unknown },
): Promise<Authorization> {
  return withCsrf(await authorizeOrganizer(request, context, permission), context, form);
}

/** The same for a partner account's form outside Remix (its export): scoped, with the CSRF token. */
export async function authorizeScopedAction(request: Request, context: GuardContext, permission: Permission, form: { get(name: string): unknown }): Promise<ScopedAuthorization> {
  return withCsrf(await authorizeScoped(request, context, permission), context, form);
}

function withCsrf<A extends { kind: string; organizer?: SignedInOrganizer }>(outcome: A, context: GuardContext, form: { get(name: string): unknown }): A | { kind: "forbidden" } {
  if (outcome.kind !== "allowed" || !outcome.organizer) return outcome;
  return csrfMatches(form.get("csrf"), outcome.organizer.sessionHash, context.config.server.sessionSecrets) ? outcome : { kind: "forbidden" };
}

export const signInPath = (lng: string) => `/${lng}/organize/sign-in`;

/**
 * Every organizer loader calls this: signed out goes to the sign-in page,
 * signed in without the permission gets a 403 — never the data.
 */
export async function requireOrganizer(request: Request, context: GuardContext, lng: string, permission: Permission): Promise<SignedInOrganizer> {
  const outcome = await authorizeOrganizer(request, context, permission);
  if (outcome.kind === "sign_in") throw redirect(signInPath(lng));
  if (outcome.kind === "forbidden") throw forbidden();
  return outcome.organizer;
}

/** The loaders of pages a partner account may open call this: the organizer and the share of the workspace they see. */
export async function requireScopedOrganizer(request: Request, context: GuardContext, lng: string, permission: Permission): Promise<{ organizer: SignedInOrganizer; scope: OrganizerScope }> {
  const outcome = await authorizeScoped(request, context, permission);
  if (outcome.kind === "sign_in") throw redirect(signInPath(lng));
  if (outcome.kind === "forbidden") throw forbidden();
  return outcome;
}

/** The same for a form every account may send, a partner's too (signing out): scoped, with the form's CSRF token. */
export async function requireScopedOrganizerAction(
  request: Request,
  context: GuardContext,
  lng: string,
  permission: Permission,
  form: { get(name: string): unknown },
): Promise<{ organizer: SignedInOrganizer; scope: OrganizerScope }> {
  const outcome = await requireScopedOrganizer(request, context, lng, permission);
  if (!csrfMatches(form.get("csrf"), outcome.organizer.sessionHash, context.config.server.sessionSecrets)) throw forbidden();
  return outcome;
}

/** Every organizer action calls this: the same checks, plus the form's CSRF token. */
export async function requireOrganizerAction(
  request: Request,
  context: GuardContext,
  lng: string,
  permission: Permission,
  form: { get(name: string): unknown },
): Promise<SignedInOrganizer> {
  const organizer = await requireOrganizer(request, context, lng, permission);
  if (!csrfMatches(form.get("csrf"), organizer.sessionHash, context.config.server.sessionSecrets)) throw forbidden();
  return organizer;
}
