import { describe, expect, it } from "vitest";
import { unwrapRing, worldGeoJson } from "../src/map/worldGeo.js";
import { resolveSubcountKey } from "../src/data/categories.js";

describe("world map shapes", () => {
  it("keys countries by ISO alpha-2 and leaves out Antarctica", () => {
    const names = worldGeoJson().features.map((f) => f.properties.name);
    for (const code of ["US", "DE", "BR", "IN", "KE", "RU", "FJ", "XK"]) expect(names).toContain(code);
    expect(names).not.toContain("AQ");
    expect(new Set(names).size).toBe(names.length);
  });

  it("no ring jumps across the antimeridian", () => {
    for (const f of worldGeoJson().features) {
      const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const ring of polygons.flat()) {
        for (let i = 1; i < ring.length; i += 1) expect(Math.abs(ring[i][0] - ring[i - 1][0]) <= 180).toBe(true);
      }
    }
    expect(unwrapRing([[179, 0], [-179, 1], [-178, 2]])).toEqual([[179, 0], [181, 1], [182, 2]]);
  });
});

describe("subcount key resolution", () => {
  it("finds payload keys under the names this host uses", () => {
    const data = { accessRights: { records: [{ id: "open", data: [["2025-01-01", 1]] }] }, licenses: { records: [] }, countriesByView: { viewUniqueRecords: [] }, countries: { viewUniqueRecords: [] } };
    expect(resolveSubcountKey(data, "recordSnapshot", "access_statuses", "records")).toBe("accessRights");
    expect(resolveSubcountKey(data, "recordSnapshot", "rights", "records")).toBe("licenses");
    expect(resolveSubcountKey(data, "usageSnapshot", "countries", "viewUniqueRecords")).toBe("countriesByView");
    expect(resolveSubcountKey(data, "usageSnapshot", "funders", "viewUniqueRecords")).toBeNull();
  });
});
