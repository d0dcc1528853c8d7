import type { ReactNode } from "react";
import { timeChart, type KeyDate, type TimeChart } from "~/lib/chart";
import { formatNumber, formatTickDay } from "~/lib/i18n/format";

/** The two drawings of a chart: one for wide screens, one laid out again for phones (so labels keep their size and never overlap). */
const SIZES = [
  { name: "wide", width: 640, height: 250, fontSize: 13 },
  { name: "narrow", width: 360, height: 250, fontSize: 12 },
] as const;

/**
 * A time chart's picture, drawn on the server as SVG: value axis with round
 * ticks and its title, a few dates, key dates as dashed lines with their
 * names, and the series `children` draws on the layout. Time runs left to
 * right in every language (ADR 0037). The picture is hidden from screen
 * readers: the figure around it carries the same numbers in a table.
 */
export function TimeChartPicture({
  lng,
  yTitle,
  from,
  to,
  max,
  marks,
  scale,
  children,
}: {
  lng: string;
  yTitle: string;
  from: string;
  to: string;
  max: number;
  marks: readonly KeyDate[];
  scale?: (days: { left: number; right: number }) => (day: number) => number;
  children: (chart: TimeChart) => ReactNode;
}) {
  return (
    <>
      {/* The value axis' title, above it on the left in every language (as the axis is); in HTML, so right-to-left words are laid out as text. */}
      <p className="time-chart__y-title" aria-hidden="true">
        {yTitle}
      </p>
      {SIZES.map((size) => {
        const chart = timeChart({
          ...size,
          max,
          from,
          to,
          marks,
          formatValue: (n) => formatNumber(lng, n),
          formatDay: (tick) => formatTickDay(lng, tick),
          scale: scale ? (left, right) => scale({ left, right }) : undefined,
        });
        const { frame, xTicks } = chart;
        const { plot } = frame;
        return (
          <svg
            key={size.name}
            className={`time-chart__svg time-chart__svg--${size.name}`}
            viewBox={`0 0 ${size.width} ${size.height}`}
            fontSize={size.fontSize}
            direction="ltr"
            aria-hidden="true"
            focusable="false"
          >
            {frame.yTicks.map((tick) => (
              <g key={tick.at}>
                <line className={tick.at === 0 ? "time-chart__axis" : "time-chart__grid"} x1={plot.left} x2={plot.right} y1={tick.position} y2={tick.position} />
                <text className="time-chart__label" x={plot.left - size.fontSize * 0.5} y={tick.position} textAnchor="end" dominantBaseline="middle">
                  {tick.label}
                </text>
              </g>
            ))}
            {xTicks.map((tick) => (
              <g key={tick.at}>
                <line className="time-chart__axis" x1={tick.position} x2={tick.position} y1={plot.bottom} y2={plot.bottom + size.fontSize * 0.4} />
                <text className="time-chart__label" x={tick.labelAt} y={frame.dateY} textAnchor="middle">
                  {tick.label}
                </text>
              </g>
            ))}
            {chart.marks.placed.map((mark) => (
              <g key={mark.key} className={`time-chart__mark time-chart__mark--${mark.key}`}>
                <line x1={mark.position} x2={mark.position} y1={frame.markRowY(mark.row) - size.fontSize} y2={plot.bottom} />
                <text x={mark.labelAt} y={frame.markRowY(mark.row)} textAnchor={mark.anchor}>
                  {mark.label}
                </text>
              </g>
            ))}
            {children(chart)}
          </svg>
        );
      })}
    </>
  );
}

/** The key dates in words under a chart, with their full dates (the ones outside the drawing too). */
export function KeyDateList({ marks, format }: { marks: readonly KeyDate[]; format: (mark: KeyDate) => string }) {
  if (marks.length === 0) return null;
  return (
    <ul className="time-chart__keys">
      {marks.map((mark) => (
        <li key={mark.key} className={`time-chart__key time-chart__key--${mark.key}`}>
          {format(mark)}
        </li>
      ))}
    </ul>
  );
}
