/// World country shapes for the map: Natural Earth 1:110m TopoJSON from the `world-atlas` package (ISC),
/// converted with `topojson-client` (ISC). Features are keyed by ISO 3166-1 alpha-2 (numeric ids mapped with
/// the code table of `i18n-iso-countries`, MIT). Antarctica is left out.
import { feature } from "topojson-client";
import topology from "world-atlas/countries-110m.json";
import codes from "i18n-iso-countries/codes.json";

const NUMERIC_TO_ALPHA2 = new Map(codes.map(([alpha2, , numeric]) => [numeric, alpha2]));
const UNNUMBERED = { Kosovo: "XK" }; // shapes world-atlas ships without a numeric id

let cached = null;

/// Makes a ring continuous across the antimeridian (consecutive longitudes never jump by more than 180
/// degrees), so planar rendering draws e.g. Fiji and Chukotka past the map edge instead of lines across it.
export function unwrapRing(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const previous = ring[i - 1][0];
      if (lon - previous > 180) shift -= 360;
      else if (previous - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function unwrapGeometry(geometry) {
  if (geometry.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  if (geometry.type === "MultiPolygon") {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
  }
  return geometry;
}

/// GeoJSON FeatureCollection whose features have properties.name = alpha-2 code (null features dropped).
export function worldGeoJson() {
  if (cached) return cached;
  const collection = feature(topology, topology.objects.countries);
  const features = collection.features
    .map((f) => ({ ...f, geometry: f.geometry && unwrapGeometry(f.geometry), properties: { name: NUMERIC_TO_ALPHA2.get(f.id) || UNNUMBERED[f.properties?.name] || null } }))
    .filter((f) => f.geometry && f.properties.name && f.properties.name !== "AQ");
  cached = { type: "FeatureCollection", features };
  return cached;
}
