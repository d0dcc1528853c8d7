import { isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DEFAULT_LANGUAGE } from "../lib/i18n/languages";

/** The message of an error page, by HTTP status. */
export function errorMessageKey(status: number): string {
  return status === 404 ? "notFound" : status === 503 ? "unavailable" : status >= 400 && status < 500 ? "badRequest" : "generic";
}

/** The page of a route error: not found, bad request, briefly unavailable (503: the database is away), or anything else. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const lng = useRouteLoaderData<{ lng: string }>("root")?.lng ?? DEFAULT_LANGUAGE;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = errorMessageKey(status);
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
