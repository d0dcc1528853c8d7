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

/** Errors of pages under /:lng stop here, below the root, so they speak the page's language (see ErrorPage). */
export { ErrorPage as ErrorBoundary } from "~/components/ErrorPage";
