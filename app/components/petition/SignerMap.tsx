import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";

/** Upper bounds of the colour steps: 1–9, 10–99, 100–999, 1,000–9,999, more. */
const STEPS = [10, 100, 1000, 10_000];

function stepOf(count: number): number {
  const index = STEPS.findIndex((bound) => count < bound);
  return index === -1 ? STEPS.length + 1 : index + 1;
}

/**
 * Where signers live, as a server-rendered SVG coloured in steps. A picture for
 * sighted readers; the table beside it carries the same numbers for everyone.
 */
export function SignerMap({
  lng,
  shapes,
  counts,
  width,
  height,
}: {
  lng: string;
  shapes: readonly { code3: string | null; path: string }[];
  counts: readonly { code3: string; name: string; count: number }[];
  width: number;
  height: number;
}) {
  const { t } = useTranslation("petitions");
  const captionId = useId();
  const byCode = new Map(counts.map((c) => [c.code3, c]));
  return (
    <figure className="signer-map" aria-labelledby={captionId}>
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        {shapes.map((shape, index) => {
          const country = shape.code3 ? byCode.get(shape.code3) : undefined;
          return (
            <path key={shape.code3 ?? `x${index}`} d={shape.path} className={`heat-${country ? stepOf(country.count) : 0}`}>
              {country ? <title>{`${country.name}: ${formatNumber(lng, country.count)}`}</title> : null}
            </path>
          );
        })}
      </svg>
      <figcaption id={captionId}>
        <span>{t("byCountry.mapCaption")}</span>
        <ul className="map-legend">
          {[1, 10, 100, 1000, 10_000].map((from, i) => (
            <li key={from}>
              <span className={`legend-swatch heat-${i + 1}`} aria-hidden="true" />
              {i < STEPS.length
                ? t("byCountry.range", { from: formatNumber(lng, from), to: formatNumber(lng, STEPS[i]! - 1) })
                : t("byCountry.atLeast", { from: formatNumber(lng, from) })}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
