import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CountrySearch } from "~/components/CountrySearch";
import { HeadlineFigures } from "~/components/HeadlineFigures";
import { SignatureChart } from "~/components/SignatureChart";
import { WorldMap } from "~/components/WorldMap";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, serverT } from "~/lib/i18n/translate.server";
import { showsVisitorCountry } from "~/lib/page-cacheability";
import type { RouteHandle } from "~/lib/route-handle";
import { findLikelyCountry } from "~/modules/country/country";
import { signatureTrend } from "~/modules/country/signature-trend";
import { getCountryDirectory } from "~/modules/country/country.service.server";
import { MAP_HEIGHT, MAP_WIDTH, worldMapShapes } from "~/modules/country/world-map.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const { figures, countries } = await getCountryDirectory(context.readDb, context.config.treaty.slug, lng, countryNameOverrides(lng));
  const t = serverT(lng);
  const map = { shapes: worldMapShapes(), width: MAP_WIDTH, height: MAP_HEIGHT };
  const mapCountries = countries.map(({ code3, name, status }) => ({ code3, name, status }));
  const asOf = new Date().toISOString().slice(0, 10);
  const trend = signatureTrend(countries.filter((c) => c.status !== "not_signed").map((c) => c.signedOn));
  const likely = showsVisitorCountry(handle.pageCache, context.surge) ? findLikelyCountry(request.headers.get("accept-language"), countries) : null;
  return { lng, figures, map, mapCountries, likely, trend, asOf, title: `${t("home.question")} · ${t("siteName")}` };
}

/** The country search suggests the visitor's likely country. */
export const handle = { pageCache: "by-visitor-country" } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Home() {
  const { lng, figures, map, mapCountries, likely, trend, asOf } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="question">
        <h1 id="question">{t("home.question")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <CountrySearch lng={lng} likely={likely} suggestions={mapCountries.map((c) => c.name)} />
      </section>
      <section aria-labelledby="figures-title" className="figures">
        <h2 id="figures-title">{t("home.figuresTitle")}</h2>
        <HeadlineFigures lng={lng} figures={figures} />
        <SignatureChart lng={lng} trend={trend} asOf={asOf} />
        <WorldMap lng={lng} countries={mapCountries} {...map} />
        <p>
          <Link to={`/${lng}/countries`}>{t("home.allCountries")}</Link>
        </p>
      </section>
    </>
  );
}
