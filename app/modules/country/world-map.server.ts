import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import worldAtlas from "world-atlas/countries-110m.json";
import worldCountries from "world-countries";

export interface MapShape {
  /** Alpha-3 of the country drawn, or null for territories we do not track. */
  code3: string | null;
  path: string;
}

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

let shapes: MapShape[] | undefined;

/**
 * Country outlines (Natural Earth 1:110m via world-atlas) projected once per
 * process into SVG paths; status colours are applied per page by CSS class.
 */
export function worldMapShapes(): MapShape[] {
  if (shapes) return shapes;
  const topology = worldAtlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries);
  const alpha3ByNumeric = new Map(worldCountries.map((c) => [c.ccn3, c.cca3]));
  const projection = geoEqualEarth().fitSize([MAP_WIDTH, MAP_HEIGHT], collection);
  const toPath = geoPath(projection).digits(0);
  shapes = collection.features
    .filter((f) => f.id !== "010") // Antarctica: no state to act, and it dominates the picture
    .map((f) => ({ code3: alpha3ByNumeric.get(String(f.id)) ?? null, path: toPath(f) ?? "" }))
    .filter((shape) => shape.path !== "");
  return shapes;
}
