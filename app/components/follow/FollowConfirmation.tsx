import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isSupportedLanguage, LANGUAGE_ENDONYMS } from "~/lib/i18n/languages";

/**
 * The pages of a follow's confirm link: the button (the GET changes nothing: mail scanners
 * open links), then what the follower will get and how to stop; or why the link no longer works.
 */
export function FollowConfirmation({
  lng,
  segment,
  outcome,
  titleKey,
  countryName,
  language,
  unsubscribeToken,
}: {
  lng: string;
  segment: string;
  outcome: string;
  /** The heading's key without `.title` (`follows:confirm`, `follows:confirm.thanks`, …). */
  titleKey: string;
  countryName: string;
  language: string;
  unsubscribeToken: string;
}) {
  const { t } = useTranslation("follows");
  const country = { country: countryName };
  const heading = <h1 id="confirm-title">{t(`${titleKey}.title`, country)}</h1>;
  if (outcome === "confirmed") {
    return (
      <section className="confirm" aria-labelledby="confirm-title">
        {heading}
        <Form method="post">
          <p>{t("confirm.explain", country)}</p>
          <button type="submit">{t("confirm.button", country)}</button>
        </Form>
      </section>
    );
  }
  const following = outcome === "already_confirmed";
  const again = outcome === "expired" || outcome === "unsubscribed";
  return (
    <section className="confirm" aria-labelledby="confirm-title">
      {heading}
      <p role="status">{t(`${titleKey}.body`, country)}</p>
      {following ? (
        <>
          <h2>{t("confirm.whatTitle")}</h2>
          <p>{t("confirm.what", { ...country, language: isSupportedLanguage(language) ? LANGUAGE_ENDONYMS[language] : language })}</p>
          <h2>{t("confirm.stopTitle")}</h2>
          <p>
            {t("confirm.stop", country)} <Link to={`/unsubscribe/${unsubscribeToken}?lng=${lng}`}>{t("confirm.stopLink", country)}</Link>
          </p>
        </>
      ) : null}
      <p>
        {again ? (
          <Link to={`/${lng}/countries/${segment}/follow`}>{t("confirm.followAgain", country)}</Link>
        ) : (
          <Link to={`/${lng}/countries/${segment}`}>{t("confirm.back", country)}</Link>
        )}
      </p>
    </section>
  );
}
