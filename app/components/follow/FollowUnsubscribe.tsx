import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { UnsubscribeScope } from "~/modules/follow/follow-status";

/**
 * The unsubscribe page of a follow: buttons only (the GET changes nothing), for this country,
 * every country followed, or all mail; then what was stopped.
 */
export function FollowUnsubscribe({
  lng,
  email,
  countryName,
  segment,
  active,
  followsOther,
  scope,
}: {
  lng: string;
  email: string;
  countryName: string;
  segment: string;
  active: boolean;
  followsOther: boolean;
  scope: UnsubscribeScope | null;
}) {
  const { t } = useTranslation("follows");
  const values = { country: countryName, email };
  if (scope) {
    return (
      <section aria-labelledby="unsubscribe-title">
        <h1 id="unsubscribe-title">{t(`unsubscribe.done.${scope}`, values)}</h1>
        <p role="status">{t(`unsubscribe.doneBody.${scope}`, values)}</p>
        <p>
          <Link to={`/${lng}/countries/${segment}`}>{t("unsubscribe.back", values)}</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t(active ? "unsubscribe.title" : "unsubscribe.stopped.title", values)}</h1>
      <p role={active ? undefined : "status"}>{t(active ? "unsubscribe.explain" : "unsubscribe.stopped.body", values)}</p>
      {/* Posted to this page's own URL, ?lng= kept: the page after the button speaks the same language. */}
      <Form method="post" className="unsubscribe-choices">
        {active ? (
          <p>
            <button type="submit" name="scope" value="country">
              {t("unsubscribe.country", values)}
            </button>
          </p>
        ) : null}
        {followsOther ? (
          <p>
            <button type="submit" name="scope" value="follows">
              {t("unsubscribe.follows")}
            </button>
          </p>
        ) : null}
        <p>
          <button type="submit" name="scope" value="everything">
            {t("unsubscribe.everything")}
          </button>
        </p>
      </Form>
    </section>
  );
}
