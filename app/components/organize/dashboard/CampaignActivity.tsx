import { useTranslation } from "react-i18next";
import type { CampaignKeyDates, DayCounts, Funnel } from "~/modules/campaign/dashboard";
import { CountryBreakdown } from "./CountryBreakdown";
import { DailyChart } from "./DailyChart";
import { FunnelTable } from "./FunnelTable";

/**
 * What every campaign's dashboard opens with: signatures or letters per day, then the funnel from
 * page views to confirmed (left out in a partner's view: the page views are everyone's).
 */
export function CampaignActivity({
  lng,
  days,
  keyDates,
  funnel,
  perDayCaption,
  submittedLabel,
}: {
  lng: string;
  days: DayCounts[];
  keyDates: CampaignKeyDates;
  funnel: Funnel | null;
  perDayCaption: string;
  submittedLabel: string;
}) {
  const { t } = useTranslation("organize");
  return (
    <>
      <section aria-labelledby="per-day-title">
        <h2 id="per-day-title">{t("dashboard.perDay")}</h2>
        <DailyChart lng={lng} days={days} keyDates={keyDates} caption={perDayCaption} confirmedLabel={t("dashboard.confirmed")} pendingLabel={t("dashboard.pending")} />
      </section>

      {funnel ? (
        <section aria-labelledby="funnel-title">
          <h2 id="funnel-title">{t("dashboard.funnel")}</h2>
          <FunnelTable lng={lng} funnel={funnel} submittedLabel={submittedLabel} />
          <p className="hint">{t("dashboard.viewsHint")}</p>
        </section>
      ) : null}
    </>
  );
}

/** Where the confirmed signatures or letters come from: a map and the table by country. */
export function CountriesSection({ lng, mapSrc, rows }: { lng: string; mapSrc: string; rows: { code3: string; name: string; count: number }[] }) {
  const { t } = useTranslation("organize");
  return (
    <section aria-labelledby="countries-title">
      <h2 id="countries-title">{t("dashboard.byCountry")}</h2>
      <CountryBreakdown lng={lng} mapSrc={mapSrc} rows={rows} countLabel={t("dashboard.confirmed")} />
    </section>
  );
}
