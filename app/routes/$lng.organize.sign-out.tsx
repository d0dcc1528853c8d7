import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { organizerCookie, requireScopedOrganizerAction } from "~/web/organizer-session.server";
import { signOut } from "~/modules/organizer/sign-in.service.server";

/** Signing out is a POST (with the CSRF token): a link or an image cannot sign anyone out. */
export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/${requireLanguage(params)}/organize`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  // Every account signs out, a partner's too.
  const { organizer } = await requireScopedOrganizerAction(request, context, lng, "read_dashboards", await readForm(request));
  await signOut(context.db, { hash: organizer.sessionHash, organizerId: organizer.id, email: organizer.email }, new Date());
  const cookie = await organizerCookie(context.config.server.publicUrl, context.config.server.sessionSecrets).serialize("", { maxAge: 0 });
  throw redirect(`/${lng}/organize/sign-in`, { status: 303, headers: { "Set-Cookie": cookie } });
}
