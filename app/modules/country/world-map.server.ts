import { geoArea, geoCentroid, geoDistance, geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
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
let features: { code3: string | null; feature: Feature<Geometry, { name: string }> }[] | undefined;

function countryFeatures() {
  if (features) return features;
  const topology = worldAtlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection: FeatureCollection<Geometry, { name: string }> = feature(topology, topology.objects.countries);
  const alpha3ByNumeric = new Map(worldCountries.map((c) => [c.ccn3, c.cca3]));
  features = collection.features.map((f) => ({ code3: alpha3ByNumeric.get(String(f.id)) ?? null, feature: f }));
  return features;
}

/**
 * Country outlines (Natural Earth 1:110m via world-atlas) projected once per
 * process into SVG paths; status colours are applied per page by CSS class.
 */
export function worldMapShapes(): MapShape[] {
  if (shapes) return shapes;
  const all = countryFeatures();
  const projection = geoEqualEarth().fitSize([MAP_WIDTH, MAP_HEIGHT], { type: "FeatureCollection", features: all.map((f) => f.feature) });
  const toPath = geoPath(projection).digits(0);
  shapes = all
    .filter((f) => f.feature.id !== "010") // Antarctica: no state to act, and it dominates the picture
    .map((f) => ({ code3: f.code3, path: toPath(f.feature) ?? "" }))
    .filter((shape) => shape.path !== "");
  return shapes;
}

/** Parts of a country farther than this from its largest part (overseas territories) are left out of its outline. */
const OUTLINE_REACH_RADIANS = (30 * Math.PI) / 180;

/**
 * One country's outline fitted in a `width` × `height` box: its largest part and the parts near it
 * (French Guiana would shrink France to a dot), the projection turned to its centre so a country
 * across the date line stays whole; null for a country the map data lacks.
 */
export function countryOutline(code3: string, width: number, height: number): string | null {
  const found = countryFeatures().find((f) => f.code3 === code3);
  if (!found) return null;
  const geometry = found.feature.geometry;
  const parts: Polygon[] =
    geometry.type === "MultiPolygon" ? geometry.coordinates.map((coordinates) => ({ type: "Polygon", coordinates })) : geometry.type === "Polygon" ? [geometry] : [];
  const main = parts.reduce<Polygon | undefined>((largest, part) => (!largest || geoArea(part) > geoArea(largest) ? part : largest), undefined);
  if (!main) return null;
  const centre = geoCentroid(main);
  const shown: MultiPolygon = { type: "MultiPolygon", coordinates: parts.filter((part) => geoDistance(geoCentroid(part), centre) <= OUTLINE_REACH_RADIANS).map((part) => part.coordinates) };
  const projection = geoEqualEarth().rotate([-centre[0], 0]).fitSize([width, height], shown);
  return geoPath(projection).digits(1)(shown) || null;
}
