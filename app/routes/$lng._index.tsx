import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignLead } from "~/components/CampaignLead";
import { CountrySearch } from "~/components/CountrySearch";
import { HeadlineFigures } from "~/components/HeadlineFigures";
import { LiveCampaigns } from "~/components/LiveCampaigns";
import { liveCampaignsOfTreaty } from "~/modules/campaign/campaign-asks.service.server";
import { SignatureChart } from "~/components/SignatureChart";
import { WorldMap } from "~/components/WorldMap";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, serverT } from "~/lib/i18n/translate.server";
import type { RouteHandle } from "~/lib/route-handle";
import { siteSocial } from "~/lib/share/page-social.server";
import { socialMeta } from "~/lib/share/social-meta";
import { statusesInPhase } from "~/modules/country/country-standing";
import { signatureTrend } from "~/modules/country/signature-trend";
import { getCountryDirectory } from "~/modules/country/country.service.server";
import { isConfirmedConfidence } from "~/modules/country/treaty-facts";
import { isoDay } from "~/modules/country/treaty-standing.server";
import { MAP_HEIGHT, MAP_WIDTH, worldMapShapes } from "~/modules/country/world-map.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const today = isoDay(new Date());
  const [{ headline, treaty, countries }, campaigns] = await Promise.all([
    getCountryDirectory(context.readDb, context.config.treaty.slug, lng, countryNameOverrides(lng), today),
    // The same for every visitor: the live campaigns do not depend on the visitor's country.
    liveCampaignsOfTreaty(context.readDb, context.config.treaty.slug, lng),
  ]);
  const t = serverT(lng);
  const map = { shapes: worldMapShapes(), width: MAP_WIDTH, height: MAP_HEIGHT, legend: statusesInPhase(treaty.signaturePhase) };
  // With code2: the country search finds the visitor's likely country among them, in the browser.
  const mapCountries = countries.map(({ code2, code3, name, status }) => ({ code2, code3, name, status }));
  // Only confirmed signatures are plotted: a reported one is not a point on the record.
  const trend = signatureTrend(countries.flatMap((c) => (c.signature && isConfirmedConfidence(c.signature.confidence) ? [c.signature.on] : [])));
  const live = campaigns.map(({ kind, slug, title, titleLanguage, count, goal }) => ({ kind, slug, title, titleLanguage, count, goal }));
  return { lng, headline, treaty, today, map, mapCountries, trend, live, title: `${t("home.question")} · ${t("siteName")}`, social: siteSocial(lng, "home") };
}

/** One copy for everyone: the country search suggests the visitor's likely country in the browser. */
export const handle = { pageCache: "same-for-everyone" } satisfies RouteHandle;

export { publicPageHeaders as headers } from "~/lib/cache-headers";

export const meta: MetaFunction<typeof loader> = socialMeta;

export default function Home() {
  const { lng, headline, treaty, today, map, mapCountries, trend, live } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="question">
        <h1 id="question">{t("home.question")}</h1>
        <CampaignLead className="lead" />
        <LiveCampaigns lng={lng} campaigns={live} />
        <CountrySearch lng={lng} countries={mapCountries} suggestions={mapCountries.map((c) => c.name)} />
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
