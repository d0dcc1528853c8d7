import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";
import type { Funnel } from "~/modules/campaign/dashboard";

const percent = (lng: string, rate: number | null) => (rate === null ? "—" : new Intl.NumberFormat(lng, { style: "percent", maximumFractionDigits: 1 }).format(rate));

/** Page views → submissions → confirmed, each with its share of the step before. */
export function FunnelTable({ lng, funnel, submittedLabel }: { lng: string; funnel: Funnel; submittedLabel: string }) {
  const { t } = useTranslation("organize");
  return (
    <table className="funnel">
      <caption>{t("dashboard.funnelCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("dashboard.step")}</th>
          <th scope="col">{t("dashboard.count")}</th>
          <th scope="col">{t("dashboard.ofPrevious")}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t("dashboard.views")}</th>
          <td>{formatNumber(lng, funnel.views)}</td>
          <td>—</td>
        </tr>
        <tr>
          <th scope="row">{submittedLabel}</th>
          <td>{formatNumber(lng, funnel.submissions)}</td>
          <td>{percent(lng, funnel.submittedRate)}</td>
        </tr>
        <tr>
          <th scope="row">{t("dashboard.confirmed")}</th>
          <td>{formatNumber(lng, funnel.confirmed)}</td>
          <td>{percent(lng, funnel.confirmedRate)}</td>
        </tr>
      </tbody>
    </table>
  );
}
