import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { readForm } from "../lib/form.server";
import { requireLanguage } from "../lib/i18n/route-language.server";
import { partnerChoices, partnersOfCampaign, readCampaignPartnerChoice, setCampaignPartners, type CampaignRef } from "../modules/partner/campaign-partners.server";
import { requireOrganizer, requireOrganizerAction } from "./organizer-session.server";
import { notFound } from "./campaign-edit-route.server";

type Kind = CampaignRef["kind"];

async function campaignOf(context: LoaderFunctionArgs["context"], kind: Kind, slug: string): Promise<CampaignRef | null> {
  const row =
    kind === "petition"
      ? await context.db.selectFrom("petitions").select("id").where("slug", "=", slug).executeTakeFirst()
      : await context.db.selectFrom("letter_campaigns").select("id").where("slug", "=", slug).executeTakeFirst();
  return row ? { kind, id: row.id } : null;
}

/** What the campaign editor shows of partners: every partner, and which run this campaign (with public count or not). */
export async function campaignPartnersOfEditor(args: LoaderFunctionArgs, kind: Kind) {
  await requireOrganizer(args.request, args.context, requireLanguage(args.params), "edit_campaigns");
  const campaign = await campaignOf(args.context, kind, args.params.slug ?? "");
  if (!campaign) return { choices: [], running: [] };
  const running = await partnersOfCampaign(args.context.db, campaign);
  return {
    choices: await partnerChoices(args.context.db),
    running: running.map((p) => ({ id: p.id, showCount: p.showCount })),
  };
}

/**
 * The editor's partners form (`intent=partners`): sets which partners run the campaign and
 * redirects back; null for any other POST (the editor's own). Reads a copy of the request, so
 * the editor can still read the body.
 */
export async function campaignPartnersAction(args: ActionFunctionArgs, kind: Kind, path: "petitions" | "letters"): Promise<Response | null> {
  const form = await readForm(args.request.clone());
  if (form.get("intent") !== "partners") return null;
  const lng = requireLanguage(args.params);
  const organizer = await requireOrganizerAction(args.request, args.context, lng, "edit_campaigns", form);
  const slug = args.params.slug ?? "";
  const campaign = await campaignOf(args.context, kind, slug);
  if (!campaign) throw notFound();
  await setCampaignPartners(args.context.db, campaign, readCampaignPartnerChoice(form), { id: organizer.id, email: organizer.email });
  throw redirect(`/${lng}/organize/${path}/${encodeURIComponent(slug)}/edit?saved#campaign-partners`, 303);
}
