import { useTranslation } from "react-i18next";
import { KeyDateList, TimeChartPicture } from "~/components/TimeChart";
import { dayNumber, endLabel, type KeyDate } from "~/lib/chart";
import { formatDay, formatNumber } from "~/lib/i18n/format";
import { signatureChartRange, stepLinePath, type SignatureTrend } from "~/modules/country/signature-trend";

/**
 * Signatory states over time as a step line, with the treaty's key dates
 * (opened for signature, signature deadline) as they stand in its record,
 * the signatures without a confirmed day explained under it, and the same
 * numbers as a table.
 */
export function SignatureChart({
  lng,
  trend,
  asOf,
  treaty,
}: {
  lng: string;
  trend: SignatureTrend;
  asOf: string;
  treaty: { openedForSignatureOn: string; signatureClosesOn: string };
}) {
  const { t } = useTranslation();
  const last = trend.points[trend.points.length - 1];
  const marks: KeyDate[] = [
    { key: "opened", day: treaty.openedForSignatureOn, label: t("chart.markOpened") },
    { key: "deadline", day: treaty.signatureClosesOn, label: t("chart.markDeadline") },
  ];
  const undated = trend.undated > 0 ? <p className="time-chart__note">{t("chart.undated", { count: trend.undated })}</p> : null;
  if (!last) {
    return undated;
  }
  const range = signatureChartRange(trend.points, asOf, marks.map((m) => m.day));
  return (
    <figure className="time-chart signature-chart">
      <figcaption>
        <strong>{t("chart.title")}</strong> {t("chart.confirmedOnly")}
      </figcaption>
      <TimeChartPicture lng={lng} yTitle={t("chart.yAxis")} {...range} max={last.total} marks={marks}>
        {({ x, frame }) => {
          const end = endLabel(frame, x(Math.max(dayNumber(asOf), dayNumber(last.date)) + 1), last.total);
          return (
            <>
              <path className="signature-chart__line" d={stepLinePath(trend.points, range.from, asOf, x, frame.y)} />
              <text className="signature-chart__end" x={end.x} y={end.y} textAnchor="end">
                {formatNumber(lng, last.total)}
              </text>
            </>
          );
        }}
      </TimeChartPicture>
      <KeyDateList marks={marks} format={(mark) => t("chart.keyDate", { name: mark.label, date: formatDay(lng, mark.day) })} />
      {undated}
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
