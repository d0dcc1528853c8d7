import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { requireLanguage } from "../lib/i18n/route-language.server";
import { countryNameOverrides, pageTitle } from "../lib/i18n/translate.server";
import { can } from "../modules/organizer/roles";
import { requireOrganizer } from "./organizer-session.server";

/**
 * A campaign dashboard's loader, up to what only its kind shows: the page's
 * language, the dashboard (`load`, for today's UTC day; none is a 404), the
 * organizers' country names, whether the reader may edit, and the title.
 */
export async function campaignDashboardPage<D>({ request, params, context }: LoaderFunctionArgs, load: (db: Kysely<Database>, slug: string, today: string) => Promise<D | null>) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const dashboard = await load(context.db, params.slug ?? "", new Date().toISOString().slice(0, 10));
  if (!dashboard) throw new Response(null, { status: 404, statusText: "Not Found" });
  return { lng, dashboard, names: countryNameOverrides(lng), edits: can(organizer.role, "edit_campaigns"), title: pageTitle(lng, "organize:dashboard.title") };
}
