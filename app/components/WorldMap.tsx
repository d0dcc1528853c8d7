import { useId } from "react";
import { useTranslation } from "react-i18next";
import { COUNTRY_STATUSES, canonicalCountrySegment, type CountryStatus } from "~/modules/country/country";

interface MapCountry {
  code3: string;
  name: string;
  status: CountryStatus;
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
}: {
  lng: string;
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
          {COUNTRY_STATUSES.map((status) => (
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
