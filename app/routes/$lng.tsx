import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { ErrorPage } from "~/components/ErrorPage";
import { requireLanguage } from "~/lib/i18n/route-language.server";

/** Every public page lives under a supported language prefix; others are 404s. */
export async function loader({ params }: LoaderFunctionArgs) {
  requireLanguage(params);
  return null;
}

export default function LanguageLayout() {
  return <Outlet />;
}

/**
 * Below the root, so the root loader still runs when an action fails (a failed
 * action skips the loaders of its boundary's route and beneath): the error page
 * gets its language and texts instead of bare keys.
 */
export function ErrorBoundary() {
  return <ErrorPage />;
}
