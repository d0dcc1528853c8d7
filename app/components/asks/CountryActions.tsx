import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";

interface Action {
  kind: "petition" | "letter_campaign";
  slug: string;
  title: string;
  titleLanguage: string;
  count: number;
  ask: { heading: string; body: string; language: string } | null;
}

/**
 * "Act on this country": the live petitions and letter campaigns of the treaty, each with its
 * count and what it asks of a country that stands where this one does now (the campaign's title
 * where it wrote no ask for that status). Letters open with the country chosen.
 */
export function CountryActions({ lng, country, countrySegment, actions }: { lng: string; country: string; countrySegment: string; actions: Action[] }) {
  const { t } = useTranslation("asks");
  return (
    <section aria-labelledby="act-on-country" className="country-actions">
      <h2 id="act-on-country">{t("country.title", { country })}</h2>
      {actions.length === 0 ? (
        <p>{t("country.none")}</p>
      ) : (
        <ul>
          {actions.map((action) => {
            const petition = action.kind === "petition";
            const href = petition ? `/${lng}/petitions/${action.slug}` : `/${lng}/letters/${action.slug}?country=${countrySegment}`;
            return (
              <li key={`${action.kind}-${action.slug}`} className="country-action">
                <h3 lang={action.ask?.language ?? action.titleLanguage}>{action.ask?.heading ?? action.title}</h3>
                {action.ask ? <p lang={action.ask.language}>{action.ask.body}</p> : null}
                <p>
                  {t(petition ? "country.signatures" : "country.letters", { number: formatNumber(lng, action.count) })}{" "}
                  <Link to={href}>
                    {t(petition ? "country.sign" : "country.write")}
                    {action.ask ? (
                      <>
                        {": "}
                        <span lang={action.titleLanguage}>{action.title}</span>
                      </>
                    ) : null}
                  </Link>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
