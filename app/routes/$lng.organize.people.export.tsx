import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { isValidEmailAddress } from "~/modules/mail/mail-address";
import { requireOrganizerAction } from "~/web/organizer-session.server";
import { exportPersonData } from "~/modules/privacy/privacy.service.server";

/** The export button of the people page posts here: a file, not a page. (POST keeps the address out of URLs and logs.) */
export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/${requireLanguage(params)}/organize/people`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "privacy_operations", form);
  const email = typeof form.get("email") === "string" ? (form.get("email") as string).trim() : "";
  if (!isValidEmailAddress(email)) throw redirect(`/${lng}/organize/people?invalid`, 303);
  const person = await exportPersonData(context.db, email, { id: organizer.id, email: organizer.email }, context.config.server.sessionSecrets);
  return new Response(JSON.stringify(person, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": 'attachment; filename="personal-data.json"', "Cache-Control": "private, no-store" },
  });
}
