import { useTranslation } from "react-i18next";
import { formatDay, formatNumber } from "~/lib/i18n/format";
import { stepChartPath, type SignatureTrend } from "~/modules/country/signature-trend";

const WIDTH = 600;
const HEIGHT = 140;

/** Signatures over time as a step chart, with the same numbers as a table. */
export function SignatureChart({ lng, trend, asOf }: { lng: string; trend: SignatureTrend; asOf: string }) {
  const { t } = useTranslation();
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  if (!first || !last) return null;
  const path = stepChartPath(trend.points, asOf, WIDTH, HEIGHT);
  return (
    <figure className="signature-chart">
      <figcaption>
        <strong>{t("chart.title")}</strong> {t("chart.confirmedOnly")}{" "}
        {trend.undated > 0 ? t("chart.undated", { count: trend.undated }) : null}
      </figcaption>
      <div className="signature-chart__plot">
        <span className="signature-chart__max">{formatNumber(lng, last.total)}</span>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <path d={`${path} V${HEIGHT} Z`} className="signature-chart__area" />
          <path d={path} className="signature-chart__line" />
        </svg>
      </div>
      <div className="signature-chart__axis">
        <span>{formatDay(lng, first.date)}</span>
        <span>{formatDay(lng, asOf)}</span>
      </div>
      <details>
        <summary>{t("chart.showTable")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("chart.date")}</th>
              <th scope="col">{t("chart.added")}</th>
              <th scope="col">{t("chart.total")}</th>
            </tr>
          </thead>
          <tbody>
            {trend.points.map((point) => (
              <tr key={point.date}>
                <th scope="row">{formatDay(lng, point.date)}</th>
                <td>{formatNumber(lng, point.added)}</td>
                <td>{formatNumber(lng, point.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
