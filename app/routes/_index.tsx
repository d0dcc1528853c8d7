import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLanguage } from "~/lib/i18n/negotiate.server";

/** `/` sends each visitor to their language: remembered choice, then Accept-Language, then English. */
export async function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/${negotiateLanguage(request.headers)}`, {
    status: 302,
    headers: { Vary: "Accept-Language, Cookie", "Cache-Control": "private, no-cache" },
  });
}
