import { isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DEFAULT_LANGUAGE } from "~/lib/i18n/languages";

/**
 * What an error page says: not found, a request we refuse (4xx), or our fault.
 * It speaks the language the root loader chose, which runs when the error is
 * caught below the root: routes that can throw from an action (a refused form,
 * a dead link posted to) export this as their own ErrorBoundary, since an
 * action's error skips the loaders of the boundary that catches it and below.
 */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const lng = useRouteLoaderData<{ lng: string }>("root")?.lng ?? DEFAULT_LANGUAGE;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = notFound ? "notFound" : status >= 400 && status < 500 ? "badRequest" : "generic";
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errors.${key}`)}</h1>
      <p>{t(`errors.${key}Help`)}</p>
      <p>
        <a href={`/${lng}`}>{t("errors.backHome")}</a>
      </p>
    </section>
  );
}
