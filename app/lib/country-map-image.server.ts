import { renderSignerMapSvg } from "~/modules/country/signer-map.server";

/** A map coloured by count per country, as an image URL to put in a page (no extra request, no script). */
export function countryMapImage(counts: readonly { code3: string; count: number }[]): string {
  return `data:image/svg+xml,${encodeURIComponent(renderSignerMapSvg(counts))}`;
}
