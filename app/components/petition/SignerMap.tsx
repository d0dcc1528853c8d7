import { useId } from "react";
import { useTranslation } from "react-i18next";
import { MapLegend } from "~/components/MapLegend";

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
        <MapLegend lng={lng} range={(from, to) => t("byCountry.range", { from, to })} atLeast={(from) => t("byCountry.atLeast", { from })} />
      </figcaption>
    </figure>
  );
}
