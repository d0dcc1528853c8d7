import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";
import { SIGNER_MAP_STEPS } from "~/modules/petition/signer-map";

/**
 * Where signers live: the map is an SVG image of its own (cached apart from
 * the page); the legend is text, and the table beside it has the numbers.
 */
export function SignerMap({ lng, slug }: { lng: string; slug: string }) {
  const { t } = useTranslation("petitions");
  const captionId = useId();
  return (
    <figure className="signer-map" aria-labelledby={captionId}>
      <img src={`/petitions/${slug}/signers.svg`} alt="" width={960} height={470} loading="lazy" />
      <figcaption id={captionId}>
        <span>{t("byCountry.mapCaption")}</span>
        <ul className="map-legend">
          {SIGNER_MAP_STEPS.map((from, i) => {
            const next = SIGNER_MAP_STEPS[i + 1];
            return (
              <li key={from}>
                <span className={`legend-swatch heat-${i + 1}`} aria-hidden="true" />
                {next
                  ? t("byCountry.range", { from: formatNumber(lng, from), to: formatNumber(lng, next - 1) })
                  : t("byCountry.atLeast", { from: formatNumber(lng, from) })}
              </li>
            );
          })}
        </ul>
      </figcaption>
    </figure>
  );
}
