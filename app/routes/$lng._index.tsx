import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CountrySearch } from "~/components/CountrySearch";
import { formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, serverT } from "~/lib/i18n/translate.server";
import { getCountryDirectory } from "~/modules/country/country.service.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const { figures } = await getCountryDirectory(context.db, lng, countryNameOverrides(lng));
  const t = serverT(lng);
  return { lng, figures, title: `${t("home.question")} · ${t("siteName")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Home() {
  const { lng, figures } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="question">
        <h1 id="question">{t("home.question")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <CountrySearch lng={lng} />
      </section>
      <section aria-labelledby="figures-title" className="figures">
        <h2 id="figures-title">{t("home.figuresTitle")}</h2>
        <dl className="figure-list">
          <div>
            <dt>{t("home.signatories")}</dt>
            <dd>{formatNumber(lng, figures.signatories)}</dd>
          </div>
          <div>
            <dt>{t("home.ratifications")}</dt>
            <dd>
              {t("home.ratificationsOfNeeded", {
                count: figures.ratifications,
                ratifications: formatNumber(lng, figures.ratifications),
                needed: formatNumber(lng, figures.ratificationsNeeded),
              })}
            </dd>
          </div>
        </dl>
        <p>
          <Link to={`/${lng}/countries`}>{t("home.allCountries")}</Link>
        </p>
      </section>
    </>
  );
}
