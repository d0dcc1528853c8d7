import { useId } from "react";
import { useTranslation } from "react-i18next";
import { canonicalCountrySegment } from "~/modules/country/country";
import type { ParticipantStatus } from "~/modules/country/treaty-status";

interface MapCountry {
  code3: string;
  name: string;
  /** The confirmed status: reported steps are not coloured. */
  status: ParticipantStatus;
}

/**
 * A server-rendered SVG map coloured by status. It is a picture for sighted
 * mouse and touch users; the table next to it is the accessible alternative,
 * so the map's links stay out of the tab order and away from screen readers.
 */
export function WorldMap({
  lng,
  shapes,
  countries,
  width,
  height,
  legend,
}: {
  lng: string;
  /** The statuses the legend names: those possible in the treaty's phase (see `legendStatuses`). */
  legend: readonly ParticipantStatus[];
  shapes: readonly { code3: string | null; path: string }[];
  countries: readonly MapCountry[];
  width: number;
  height: number;
}) {
  const { t } = useTranslation("countries");
  const captionId = useId();
  const byCode = new Map(countries.map((c) => [c.code3, c]));
  return (
    <figure className="world-map" aria-labelledby={captionId}>
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        {shapes.map((shape, index) => {
          const country = shape.code3 ? byCode.get(shape.code3) : undefined;
          if (!country) return <path key={`x${index}`} d={shape.path} className="map-untracked" />;
          return (
            <a key={country.code3} href={`/${lng}/countries/${canonicalCountrySegment(country.code3)}`} tabIndex={-1}>
              <path d={shape.path} className={`map-${country.status}`}>
                <title>{`${country.name}: ${t(`status.${country.status}`)}`}</title>
              </path>
            </a>
          );
        })}
      </svg>
      <figcaption id={captionId}>
        <span>{t("map.caption")}</span>
        <ul className="map-legend">
          {legend.map((status) => (
            <li key={status}>
              <span className={`legend-swatch map-${status}`} aria-hidden="true" />
              {t(`status.${status}`)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
