import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignActivity, CountriesSection } from "~/components/organize/dashboard/CampaignActivity";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { countryMapImage } from "~/modules/country/signer-map.server";
import { formatNumber } from "~/lib/i18n/format";
import { organizerMeta } from "~/lib/organizer-page";
import { countryName } from "~/modules/country/country-names";
import { campaignDashboardPage } from "~/web/campaign-dashboard-route.server";
import { petitionDashboard } from "~/modules/petition/petition-dashboard.service.server";
import { ReferralsSection } from "~/components/organize/dashboard/ReferralsSection";
import { CampaignEditLinks } from "~/components/organize/CampaignEditLinks";
import { PartnerBreakdown, PartnerShare } from "~/components/organize/dashboard/PartnerSections";
import { TrendingSection } from "~/components/organize/dashboard/TrendingSection";
import { trendingOverview } from "~/modules/petition/trending.service.server";

/** One petition's dashboard: every role may read it; a partner account only its own share of its partner's petitions. */
export async function loader(args: LoaderFunctionArgs) {
  const { lng, dashboard, names, edits, moderates, partnerView, csrf, title } = await campaignDashboardPage(args, "petition", petitionDashboard);
  // Trending sources are the whole petition's: not a partner account's to see.
  const trending = partnerView ? null : await trendingOverview(args.context.db, dashboard.petition.slug, args.context.config.signing.trendingRule);
  const query = new URL(args.request.url).searchParams;
  const decided = query.get("trending");
  return {
    lng,
    ...dashboard,
    byCountry: dashboard.byCountry.map((c) => ({ code3: c.code3, name: countryName(lng, c.code2, names), count: c.count })),
    mapSrc: countryMapImage(dashboard.byCountry),
    edits,
    moderates,
    partnerView,
    trending,
    trendingDone:
      decided === "count" || decided === "hold" || decided === "stale" || decided === "note" ? { decision: decided, released: Math.max(0, Number(query.get("released")) || 0) } : null,
    csrf,
    title,
  };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function PetitionDashboard() {
  const { lng, petition, days, keyDates, funnel, byCountry, mapSrc, referrals, partners, edits, moderates, partnerView, trending, trendingDone, csrf } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={`${t("dashboard.title")}: ${petition.slug}`}>
      <p>
        {t("editor.status", { status: t(`status.${petition.status}`) })}{" "}
        {petition.goal === null
          ? t("dashboard.confirmedTotal", { formatted: formatNumber(lng, petition.confirmed) })
          : t("dashboard.confirmedOfGoal", { formatted: formatNumber(lng, petition.confirmed), goal: formatNumber(lng, petition.goal) })}{" "}
        {edits ? <CampaignEditLinks base={`/${lng}/organize/petitions/${petition.slug}`} /> : null}{" "}
        {partnerView ? null : (
          <>
            <Link to={`/${lng}/organize/petitions/${petition.slug}/updates`}>{t("organizeUpdates:organize.title")}</Link>{" "}
            <Link to={`/${lng}/organize/petitions/${petition.slug}/share`}>{t("organizeShare:title")}</Link>
          </>
        )}
      </p>

      {trending ? (
        <TrendingSection lng={lng} slug={petition.slug} csrf={csrf} moderates={moderates} defaultRule={trending.defaultRule} sources={trending.sources} history={trending.history} done={trendingDone} />
      ) : null}

      {partnerView ? <PartnerShare lng={lng} kind="petition" slug={petition.slug} csrf={csrf} own={partners[0]} /> : null}

      <CampaignActivity lng={lng} days={days} keyDates={keyDates} funnel={funnel} perDayCaption={t("dashboard.signaturesPerDay")} submittedLabel={t("dashboard.signed")} />

      <CountriesSection lng={lng} mapSrc={mapSrc} rows={byCountry} />

      <ReferralsSection lng={lng} kind="petition" example={`/${lng}/petitions/${petition.slug}?ref=newsletter-1`} rows={referrals} />

      {partnerView ? null : <PartnerBreakdown lng={lng} kind="petition" rows={partners} />}
    </OrganizerPage>
  );
}
