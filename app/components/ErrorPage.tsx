import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** What an error page says: not found, a request we refuse (4xx), or our fault. */
export function ErrorPage({ lng }: { lng: string }) {
  const error = useRouteError();
  const { t } = useTranslation();
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
