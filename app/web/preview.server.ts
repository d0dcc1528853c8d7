import { requireOrganizer } from "./organizer-session.server";

type GuardContext = Parameters<typeof requireOrganizer>[1];

/**
 * `?preview` on a public campaign page shows it, draft or not, exactly as the
 * public will see it, to signed-in organizers only (anyone else is sent to
 * sign in). Pages with a query string never enter the shared page cache.
 */
export async function isOrganizerPreview(request: Request, context: GuardContext, lng: string): Promise<boolean> {
  if (!new URL(request.url).searchParams.has("preview")) return false;
  await requireOrganizer(request, context, lng, "read_dashboards");
  return true;
}

