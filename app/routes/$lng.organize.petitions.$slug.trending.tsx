import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { readTrendingDecision } from "~/modules/petition/trending";
import { decideTrendingSource } from "~/modules/petition/trending.service.server";
import { requireOrganizerAction } from "~/web/organizer-session.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });
const dashboardOf = (lng: string, slug: string) => `/${lng}/organize/petitions/${encodeURIComponent(slug)}`;

/** Nothing to show here: the decisions are taken on the petition's dashboard. */
export function loader({ params }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  return redirect(dashboardOf(lng, params.slug ?? ""));
}

/**
 * An organizer's decision on one trending source of a petition, from the
 * dashboard's form: `count` (its held signatures are released and counted) or
 * `hold` (confirmations from now on wait for review). Back to the dashboard,
 * which says what was done, or that the form was out of date.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "moderate", form);
  const slug = params.slug ?? "";
  const read = readTrendingDecision((name) => (typeof form.get(name) === "string" ? (form.get(name) as string) : null));
  if (!read.ok) throw redirect(`${dashboardOf(lng, slug)}?trending=${read.error === "trending.errors.note" ? "note" : "stale"}#trending`, 303);
  const outcome = await decideTrendingSource(context.db, { slug, source: read.source, decision: read.decision, note: read.note, actor: { id: organizer.id, email: organizer.email } });
  if (outcome.kind === "not_found") throw notFound();
  throw redirect(`${dashboardOf(lng, slug)}?trending=${read.decision}&released=${outcome.released}#trending`, 303);
}
