import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, PetitionStatus } from "../../db/schema";
import { readForm, type FormFields } from "../lib/form.server";
import { SUPPORTED_LANGUAGES } from "../lib/i18n/languages";
import { requireLanguage } from "../lib/i18n/route-language.server";
import { pageTitle } from "../lib/i18n/translate.server";
import { missingLanguages, type EditorErrors, type FormRead } from "../modules/campaign/campaign-form";
import { nextStatus } from "../modules/campaign/campaign-lifecycle";
import type { Actor, MoveOutcome } from "../modules/campaign/campaign-status.service.server";
import { requireOrganizer, requireOrganizerAction } from "./organizer-session.server";

export const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/** A refused editor POST: the messages by field, and what was typed (none for a status move). */
export function refuseEdit<V>(errors: EditorErrors, values: V | null, status: number) {
  return data({ errors, values }, { status });
}

/**
 * An editor POST that publishes or closes (`moveTo`): redirects back on
 * success, answers 409 with the reason when refused, and returns null when
 * the POST is not a status move (it saves the form instead).
 */
export async function handleStatusMove(form: FormFields, move: (to: PetitionStatus) => Promise<MoveOutcome>, back: string, transitionError: string) {
  const to = form.get("moveTo");
  if (to !== "live" && to !== "closed") return null;
  const moved = await move(to);
  if (moved === "not_found") throw notFound();
  if (moved === "not_allowed") return refuseEdit({ form: transitionError }, null, 409);
  if (typeof moved === "object") return refuseEdit({ form: moved.blocked }, null, 409);
  throw redirect(back, 303);
}

/**
 * A campaign editor's POST as typed: one field, all values of a field, the
 * settings every campaign has, and the texts of each language with any of
 * `textFields` filled (to show them again when refused).
 */
export function postedCampaign<F extends string>(form: FormFields, textFields: readonly F[]) {
  const get = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const getAll = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  const texts = Object.fromEntries(
    SUPPORTED_LANGUAGES.filter((l) => textFields.some((f) => get(`${f}.${l}`))).map((l) => [l, Object.fromEntries(textFields.map((f) => [f, get(`${f}.${l}`)])) as Record<F, string>]),
  );
  return { get, getAll, basics: { slug: get("slug"), defaultLanguage: get("defaultLanguage"), goal: get("goal"), texts } };
}

/**
 * What the editor pages of one kind of campaign need: where they are
 * (`/:lng/organize/<path>/…`), how a POST is read, how a draft is saved and
 * moved, and which message answers a save the database refused, by outcome.
 */
export interface CampaignEditing<D extends { slug: string }, V> {
  path: "petitions" | "letters";
  readPost(form: FormFields): { read: FormRead<D>; values: V };
  create(db: Kysely<Database>, draft: D, actor: Actor, treatySlug: string): Promise<string>;
  update(db: Kysely<Database>, slug: string, draft: D, actor: Actor): Promise<string>;
  move(db: Kysely<Database>, slug: string, to: PetitionStatus, actor: Actor, now: Date): Promise<MoveOutcome>;
  refusals: Partial<Record<string, EditorErrors>>;
  transitionError: string;
}

/** Who is editing: the page's language, the organizer's CSRF token and the page's title. */
export async function campaignEditorPage({ request, params, context }: LoaderFunctionArgs, titleKey: string) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "edit_campaigns");
  return { lng, csrf: organizer.csrfToken, title: pageTitle(lng, titleKey) };
}

/**
 * The edit page's data: the campaign (`find`) with what its form shows
 * (`valuesOf`), the one status move allowed next, its missing languages,
 * and whether it was just saved.
 */
export async function campaignEditLoader<C extends { slug: string; status: PetitionStatus; texts: Record<string, unknown> }, V>(
  args: LoaderFunctionArgs,
  titleKey: string,
  find: (db: Kysely<Database>, slug: string) => Promise<C | null>,
  valuesOf: (campaign: C) => V,
) {
  const page = await campaignEditorPage(args, titleKey);
  const campaign = await find(args.context.db, args.params.slug ?? "");
  if (!campaign) throw notFound();
  return {
    ...page,
    campaign: { slug: campaign.slug, status: campaign.status, values: valuesOf(campaign) },
    next: nextStatus(campaign.status),
    missing: missingLanguages(campaign.texts, SUPPORTED_LANGUAGES),
    saved: new URL(args.request.url).searchParams.has("saved"),
  };
}

async function editorPost({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  return { lng, form, actor: { id: organizer.id, email: organizer.email } };
}

/** A new campaign's POST: saved as a draft and on to its edit page, or refused with what was typed. */
export async function campaignNewAction<D extends { slug: string }, V>(args: ActionFunctionArgs, editing: CampaignEditing<D, V>) {
  const { lng, form, actor } = await editorPost(args);
  const { read, values } = editing.readPost(form);
  if (!read.ok) return refuseEdit(read.errors, values, 400);
  const refusal = editing.refusals[await editing.create(args.context.db, read.draft, actor, args.context.config.treaty.slug)];
  if (refusal) return refuseEdit(refusal, values, 409);
  throw redirect(`/${lng}/organize/${editing.path}/${read.draft.slug}/edit?saved`, 303);
}

/** The edit page's POST: a status move, or the form saved (its slug stays). */
export async function campaignEditAction<D extends { slug: string }, V>(args: ActionFunctionArgs, editing: CampaignEditing<D, V>) {
  const { lng, form, actor } = await editorPost(args);
  const slug = args.params.slug ?? "";
  const back = `/${lng}/organize/${editing.path}/${encodeURIComponent(slug)}/edit?saved`;
  const moved = await handleStatusMove(form, (to) => editing.move(args.context.db, slug, to, actor, new Date()), back, editing.transitionError);
  if (moved) return moved;
  const { read, values } = editing.readPost(form);
  if (!read.ok) return refuseEdit(read.errors, values, 400);
  const outcome = await editing.update(args.context.db, slug, { ...read.draft, slug }, actor);
  if (outcome === "not_found") throw notFound();
  const refusal = editing.refusals[outcome];
  if (refusal) return refuseEdit(refusal, values, 409);
  throw redirect(back, 303);
}
