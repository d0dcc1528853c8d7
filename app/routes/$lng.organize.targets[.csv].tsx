import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { targetsCsv } from "~/modules/letter/targets.repo.server";
import { requireOrganizer } from "~/web/organizer-session.server";

/** `GET /:lng/organize/targets.csv`: every target, in the columns the import reads (a few thousand rows: not streamed). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireOrganizer(request, context, requireLanguage(params), "read_dashboards");
  return new Response(`\uFEFF${await targetsCsv(context.db)}`, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="targets.csv"', "Cache-Control": "private, no-store" },
  });
}
