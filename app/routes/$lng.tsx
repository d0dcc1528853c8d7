import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireLanguage } from "~/lib/i18n/route-language.server";

/** Every public page lives under a supported language prefix; others are 404s. */
export async function loader({ params }: LoaderFunctionArgs) {
  requireLanguage(params);
  return null;
}

export default function LanguageLayout() {
  return <Outlet />;
}
