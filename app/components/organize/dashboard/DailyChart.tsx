import { useTranslation } from "react-i18next";
import { KeyDateList, TimeChartPicture } from "~/components/TimeChart";
import type { KeyDate } from "~/lib/chart";
import { formatDay, formatNumber } from "~/lib/i18n/format";
import { busiestDay, daySlots, stackedBars, type CampaignKeyDates, type DayCounts } from "~/modules/campaign/dashboard";
import { Table } from "~/components/organize/Table";

/**
 * Per day, confirmed and awaiting confirmation as stacked bars (server-drawn
 * SVG, no script) on the same axes as the public chart: round counts, a few
 * dates, the days the campaign opened and closed; quiet days marked as zeros;
 * every number in a table below it.
 */
export function DailyChart({
  lng,
  days,
  keyDates,
  caption,
  confirmedLabel,
  pendingLabel,
}: {
  lng: string;
  days: DayCounts[];
  keyDates: CampaignKeyDates;
  caption: string;
  confirmedLabel: string;
  pendingLabel: string;
}) {
  const { t } = useTranslation("organize");
  const first = days[0];
  const last = days[days.length - 1];
  const marks: KeyDate[] = [];
  if (keyDates.opened) marks.push({ key: "opened", day: keyDates.opened, label: t("dashboard.markOpened") });
  if (keyDates.closed) marks.push({ key: "closed", day: keyDates.closed, label: t("dashboard.markClosed") });
  return (
    <figure className="time-chart daily-chart">
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
      {first && last ? (
        <TimeChartPicture
          lng={lng}
          yTitle={t("dashboard.axisPerDay")}
          from={first.day}
          to={last.day}
          max={busiestDay(days)}
          marks={marks}
          scale={({ left, right }) => daySlots(days, left, right)}
        >
          {({ x, frame }) =>
            stackedBars(days, x, frame.y, (frame.plot.right - frame.plot.left) / days.length).map((bar) =>
              bar.zero ? (
                <rect key={bar.day} className="daily-chart__zero" x={bar.x} y={frame.plot.bottom - 2} width={bar.width} height={2} />
              ) : (
                <g key={bar.day}>
                  <rect className="daily-chart__confirmed" x={bar.x} y={bar.confirmed.y} width={bar.width} height={bar.confirmed.height} />
                  <rect className="daily-chart__pending" x={bar.x} y={bar.pending.y} width={bar.width} height={bar.pending.height} />
                </g>
              ),
            )
          }
        </TimeChartPicture>
      ) : null}
      <KeyDateList marks={marks} format={(mark) => t("dashboard.keyDate", { name: mark.label, date: formatDay(lng, mark.day) })} />
      <details>
        <summary>{t("dashboard.showNumbers")}</summary>
        <Table columns={[t("dashboard.day"), confirmedLabel, pendingLabel]}>
          {[...days].reverse().map((d) => (
            <tr key={d.day}>
              <th scope="row">{formatDay(lng, d.day)}</th>
              <td>{formatNumber(lng, d.confirmed)}</td>
              <td>{formatNumber(lng, d.pending)}</td>
            </tr>
          ))}
        </Table>
      </details>
    </figure>
  );
}
