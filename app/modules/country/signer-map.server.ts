import { worldMapShapes, MAP_HEIGHT, MAP_WIDTH } from "./world-map.server";
import { SIGNER_MAP_COLOURS, signerMapStep } from "./signer-map";

/**
 * Where signers live as a standalone SVG (served as an image, so the page
 * stays small and the map is cached on its own). Colours are inline: an SVG
 * image does not see the page's stylesheet. The page's table and legend say
 * the same in words.
 */
export function renderSignerMapSvg(counts: readonly { code3: string; count: number }[]): string {
  const byCode = new Map(counts.map((c) => [c.code3, c.count]));
  const paths = worldMapShapes()
    .map((shape) => `<path d="${shape.path}" fill="${SIGNER_MAP_COLOURS[signerMapStep((shape.code3 && byCode.get(shape.code3)) || 0)]}"/>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}"><rect width="100%" height="100%" fill="#eef3f8"/><g stroke="#ffffff" stroke-width="0.5">${paths}</g></svg>`;
}

/** A map coloured by count per country, as an image URL to put in a page (no extra request, no script). */
export function countryMapImage(counts: readonly { code3: string; count: number }[]): string {
  return `data:image/svg+xml,${encodeURIComponent(renderSignerMapSvg(counts))}`;
}
