import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { requireLanguage } from "../lib/i18n/route-language.server";
import { countryNameOverrides, pageTitle } from "../lib/i18n/translate.server";
import { can } from "../modules/organizer/roles";
import { partnerFilterOf, type PartnerCampaignKind } from "../modules/partner/partner-scope";
import { campaignOfPartner } from "../modules/partner/partner-scope.server";
import { requireScopedOrganizer } from "./organizer-session.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/**
 * A campaign dashboard's loader, up to what only its kind shows: the page's
 * language, the dashboard (`load`, for today's UTC day; none is a 404), the
 * organizers' country names, whether the reader may edit, and the title.
 * A partner account opens only the campaigns its partner runs (any other is a
 * 404, as if it did not exist), and sees only what its partner's link brought.
 */
export async function campaignDashboardPage<D>(
  { request, params, context }: LoaderFunctionArgs,
  kind: PartnerCampaignKind,
  load: (db: Kysely<Database>, slug: string, today: string, filter: { partnerId: number } | null) => Promise<D | null>,
) {
  const lng = requireLanguage(params);
  const { organizer, scope } = await requireScopedOrganizer(request, context, lng, "read_dashboards");
  const slug = params.slug ?? "";
  const filter = partnerFilterOf(scope);
  if (filter && !(await campaignOfPartner(context.db, filter.partnerId, kind, slug))) throw notFound();
  const dashboard = await load(context.db, slug, new Date().toISOString().slice(0, 10), filter);
  if (!dashboard) throw notFound();
  return {
    lng,
    dashboard,
    names: countryNameOverrides(lng),
    edits: can(organizer.role, "edit_campaigns"),
    /** Whether the reader may moderate (decide on trending sources). */
    moderates: can(organizer.role, "moderate"),
    /** A partner account's view: only its own figures, none of the workspace's links. */
    partnerView: filter !== null,
    csrf: organizer.csrfToken,
    title: pageTitle(lng, "organize:dashboard.title"),
  };
}
