import { useTranslation } from "react-i18next";
import { formatDay, formatNumber } from "~/lib/i18n/format";
import { stackedBars, type DayCounts } from "~/modules/campaign/dashboard";

const WIDTH = 720;
const HEIGHT = 160;

/**
 * Per day, confirmed and awaiting confirmation as stacked bars (server-drawn
 * SVG, no script), with every number in a table below it.
 */
export function DailyChart({ lng, days, caption, confirmedLabel, pendingLabel }: { lng: string; days: DayCounts[]; caption: string; confirmedLabel: string; pendingLabel: string }) {
  const { t } = useTranslation("organize");
  const { bars, max } = stackedBars(days, WIDTH, HEIGHT);
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <figure className="daily-chart">
      <figcaption>
        <strong>{caption}</strong>
        <ul className="map-legend">
          <li>
            <span className="legend-swatch daily-chart__confirmed" aria-hidden="true" />
            {confirmedLabel}
          </li>
          <li>
            <span className="legend-swatch daily-chart__pending" aria-hidden="true" />
            {pendingLabel}
          </li>
        </ul>
      </figcaption>
      <div className="signature-chart__plot">
        <span className="signature-chart__max">{formatNumber(lng, max)}</span>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
          {bars.map((bar) => (
            <g key={bar.day}>
              <rect className="daily-chart__confirmed" x={bar.x} y={bar.confirmed.y} width={bar.width} height={bar.confirmed.height} />
              <rect className="daily-chart__pending" x={bar.x} y={bar.pending.y} width={bar.width} height={bar.pending.height} />
            </g>
          ))}
        </svg>
      </div>
      {first && last ? (
        <div className="signature-chart__axis">
          <span>{formatDay(lng, first.day)}</span>
          <span>{formatDay(lng, last.day)}</span>
        </div>
      ) : null}
      <details>
        <summary>{t("dashboard.showNumbers")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.day")}</th>
              <th scope="col">{confirmedLabel}</th>
              <th scope="col">{pendingLabel}</th>
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => (
              <tr key={d.day}>
                <th scope="row">{formatDay(lng, d.day)}</th>
                <td>{formatNumber(lng, d.confirmed)}</td>
                <td>{formatNumber(lng, d.pending)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
