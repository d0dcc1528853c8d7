import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { ErrorPage } from "~/components/ErrorPage";
import { DEFAULT_LANGUAGE } from "~/lib/i18n/languages";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { useRootData } from "~/root";

/** Every public page lives under a supported language prefix; others are 404s. */
export async function loader({ params }: LoaderFunctionArgs) {
  requireLanguage(params);
  return null;
}

export default function LanguageLayout() {
  return <Outlet />;
}

/**
 * Errors of pages under /:lng stop here rather than at the root, so the root's
 * loader still runs and the page speaks the visitor's language (an action
 * that throws, such as a refused form, skips the loaders of its boundary and below).
 */
export function ErrorBoundary() {
  return <ErrorPage lng={useRootData()?.lng ?? DEFAULT_LANGUAGE} />;
}
