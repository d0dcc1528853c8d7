import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignLead } from "~/components/CampaignLead";
import { CountrySearch } from "~/components/CountrySearch";
import { HeadlineFigures } from "~/components/HeadlineFigures";
import { SignatureChart } from "~/components/SignatureChart";
import { WorldMap } from "~/components/WorldMap";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, serverT } from "~/lib/i18n/translate.server";
import { showsVisitorCountry } from "~/lib/page-cacheability";
import type { RouteHandle } from "~/lib/route-handle";
import { findLikelyCountry } from "~/modules/country/country";
import { statusesInPhase } from "~/modules/country/country-standing";
import { signatureTrend } from "~/modules/country/signature-trend";
import { getCountryDirectory } from "~/modules/country/country.service.server";
import { isConfirmedConfidence } from "~/modules/country/treaty-facts";
import { isoDay } from "~/modules/country/treaty-standing.server";
import { MAP_HEIGHT, MAP_WIDTH, worldMapShapes } from "~/modules/country/world-map.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const today = isoDay(new Date());
  const { headline, treaty, countries } = await getCountryDirectory(context.readDb, context.config.treaty.slug, lng, countryNameOverrides(lng), today);
  const t = serverT(lng);
  const map = { shapes: worldMapShapes(), width: MAP_WIDTH, height: MAP_HEIGHT, legend: statusesInPhase(treaty.signaturePhase) };
  const mapCountries = countries.map(({ code3, name, status }) => ({ code3, name, status }));
  // Only confirmed signatures are plotted: a reported one is not a point on the record.
  const trend = signatureTrend(countries.flatMap((c) => (c.signature && isConfirmedConfidence(c.signature.confidence) ? [c.signature.on] : [])));
  const likely = showsVisitorCountry(handle.pageCache, context.surge) ? findLikelyCountry(request.headers.get("accept-language"), countries) : null;
  return { lng, headline, treaty, today, map, mapCountries, likely, trend, title: `${t("home.question")} · ${t("siteName")}` };
}

/** The country search suggests the visitor's likely country. */
export const handle = { pageCache: "by-visitor-country" } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Home() {
  const { lng, headline, treaty, today, map, mapCountries, likely, trend } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="question">
        <h1 id="question">{t("home.question")}</h1>
        <CampaignLead className="lead" />
        <CountrySearch lng={lng} likely={likely} suggestions={mapCountries.map((c) => c.name)} />
      </section>
      <section aria-labelledby="figures-title" className="figures">
        <h2 id="figures-title">{t("home.figuresTitle")}</h2>
        <HeadlineFigures lng={lng} headline={headline} treaty={treaty} today={today} />
        <SignatureChart lng={lng} trend={trend} asOf={today} treaty={treaty} />
        <WorldMap lng={lng} countries={mapCountries} {...map} />
        <p>
          <Link to={`/${lng}/countries`}>{t("home.allCountries")}</Link>
        </p>
      </section>
    </>
  );
}
