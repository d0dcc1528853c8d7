import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { readForm } from "../lib/form.server";
import { requireLanguage } from "../lib/i18n/route-language.server";
import { ASK_GROUPS, readAsksForm } from "../modules/campaign/campaign-asks";
import { asksForEditing, saveAsks } from "../modules/campaign/campaign-asks.service.server";
import type { CampaignKind } from "../modules/campaign/campaign-tables";
import { unknownMergeFields } from "../modules/letter/letter-template";
import { campaignEditorPage, notFound, refuseEdit } from "./campaign-edit-route.server";
import { requireOrganizerAction } from "./organizer-session.server";

const PATHS = { petition: "petitions", letter_campaign: "letters" } as const satisfies Record<CampaignKind, string>;
const ASK_FIELDS = ["heading", "body", "template"] as const;

/** A letter template's merge fields are checked as the campaign's own template's are. */
const isTemplate = (text: string) => unknownMergeFields(text).length === 0;

/** The asks page of a campaign (`?language=` picks the language written), and whether it was just saved. */
export async function campaignAsksLoader(args: LoaderFunctionArgs, kind: CampaignKind) {
  const page = await campaignEditorPage(args, "organize:asks.editor.title");
  const url = new URL(args.request.url);
  const editing = await asksForEditing(args.context.db, kind, args.params.slug ?? "", url.searchParams.get("language"));
  if (!editing) throw notFound();
  const values = Object.fromEntries(ASK_GROUPS.flatMap((group) => ASK_FIELDS.map((field) => [`${field}.${group}`, editing.asks[group]?.[field] ?? ""])));
  return { ...page, path: PATHS[kind], withTemplate: kind === "letter_campaign", editing, values, saved: url.searchParams.has("saved") };
}

/** The asks of one language saved together, or refused by field with what was typed. */
export async function campaignAsksAction(args: ActionFunctionArgs, kind: CampaignKind) {
  const lng = requireLanguage(args.params);
  const form = await readForm(args.request);
  const organizer = await requireOrganizerAction(args.request, args.context, lng, "edit_campaigns", form);
  const get = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const slug = args.params.slug ?? "";
  const language = get("language");
  const values = Object.fromEntries(ASK_GROUPS.flatMap((group) => ASK_FIELDS.map((field) => [`${field}.${group}`, get(`${field}.${group}`)])));
  const read = readAsksForm(get, kind === "letter_campaign", isTemplate);
  if (!read.ok) return refuseEdit(read.errors, values, 400);
  const outcome = await saveAsks(args.context.db, kind, slug, language, read.asks, { id: organizer.id, email: organizer.email });
  if (outcome === "not_found") throw notFound();
  if (outcome === "language_not_offered") return refuseEdit({ form: "organize:asks.editor.errors.language" }, values, 409);
  throw redirect(`/${lng}/organize/${PATHS[kind]}/${encodeURIComponent(slug)}/asks?language=${encodeURIComponent(language)}&saved`, 303);
}
