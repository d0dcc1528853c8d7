import { formatNumber } from "~/lib/i18n/format";
import { SIGNER_MAP_STEPS } from "~/modules/country/signer-map";

/** The colour steps of a count map, in words: each swatch with its range. */
export function MapLegend({ lng, range, atLeast }: { lng: string; range: (from: string, to: string) => string; atLeast: (from: string) => string }) {
  return (
    <ul className="map-legend">
      {SIGNER_MAP_STEPS.map((from, i) => {
        const next = SIGNER_MAP_STEPS[i + 1];
        return (
          <li key={from}>
            <span className={`legend-swatch heat-${i + 1}`} aria-hidden="true" />
            {next ? range(formatNumber(lng, from), formatNumber(lng, next - 1)) : atLeast(formatNumber(lng, from))}
          </li>
        );
      })}
    </ul>
  );
}
