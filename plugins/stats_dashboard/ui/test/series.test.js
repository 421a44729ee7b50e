import { describe, expect, it } from "vitest";
import { normalizeSeries, rankItems, reduceSeries, topSeriesWithOther } from "../src/data/series.js";
import { chartModel } from "../src/data/chartModel.js";
import { multiDisplayModel } from "../src/data/multiDisplayModel.js";

const s = (id, data) => ({ id, name: id, valueType: "number", data });
const D1 = "2025-03-01";
const D2 = "2025-03-02";

describe("DataSeries normalisation", () => {
  it("keeps full ISO dates, expands legacy MM-DD with year, sorts", () => {
    expect(normalizeSeries({ id: "global", year: 2025, data: [["05-31", 2], ["05-30", 1]] }).data)
      .toEqual([["2025-05-30", 1], ["2025-05-31", 2]]);
    expect(normalizeSeries({ id: "x", data: [["2024-12-31", "3"], ["2025-01-01", 4]] }).data)
      .toEqual([["2024-12-31", 3], ["2025-01-01", 4]]);
  });

  it("reduces by sum (delta) or value as of the end (snapshot)", () => {
    const points = [["2025-01-01", 2], ["2025-01-05", 3], ["2025-02-01", 10]];
    expect(reduceSeries(points, "2025-01-02", "2025-01-31", "delta")).toBe(3);
    expect(reduceSeries(points, "2025-01-02", "2025-01-31", "snapshot")).toBe(3);
    expect(reduceSeries(points, "2024-01-01", "2024-12-31", "snapshot")).toBe(0);
  });
});

describe("top-N + Other", () => {
  const items = [s("a", [[D1, 5], [D2, 5]]), s("b", [[D1, 1], [D2, 2]]), s("c", [[D2, 4]]), s("z", [[D1, 0]]), s("unknown", [[D1, 1], [D2, 1]])];
  const global = s("global", [[D1, 10], [D2, 15]]);

  it("ranks deltas by sum, drops zero series and excluded ids, Other = global - shown - excluded", () => {
    const { visible, other } = topSeriesWithOther(items, { start: D1, end: D2, mode: "delta", maxSeries: 2, globalSeries: global, excludedIds: ["unknown"] });
    expect(visible.map((x) => x.id)).toEqual(["a", "c"]);
    expect(visible[1].data).toEqual([[D1, 0], [D2, 4]]);
    expect(other.data).toEqual([[D1, 4], [D2, 5]]);
  });

  it("ranks snapshots by their last value", () => {
    const snap = [s("a", [[D1, 9], [D2, 1]]), s("b", [[D1, 1], [D2, 3]])];
    const { visible } = topSeriesWithOther(snap, { start: D1, end: D2, mode: "snapshot", maxSeries: 1 });
    expect(visible.map((x) => x.id)).toEqual(["b"]);
  });

  it("Other never goes negative and is omitted when empty", () => {
    const { other } = topSeriesWithOther([s("a", [[D1, 20]])], { start: D1, end: D1, mode: "delta", maxSeries: 5, globalSeries: s("global", [[D1, 10]]) });
    expect(other).toBeNull();
  });

  it("multi-display rows: 150/75/25 with pageSize 2", () => {
    const { rows, other, total } = rankItems([{ id: "a", value: 150 }, { id: "c", value: 25 }, { id: "b", value: 75 }], { pageSize: 2 });
    expect(total).toBe(250);
    expect(rows.map((r) => [r.id, r.value, r.percent])).toEqual([["a", 150, 60], ["b", 75, 30]]);
    expect([other.value, other.percent]).toEqual([25, 10]);
  });

  it("multi-display uses the global total and never shows imported countries", () => {
    const { rows, other, total } = rankItems([{ id: "US", value: 80 }, { id: "imported", value: 50 }, { id: "DE", value: 0 }], { pageSize: 5, total: 100, excludedIds: ["imported"] });
    expect(total).toBe(100);
    expect(rows).toEqual([{ id: "US", value: 80, percent: 80 }]);
    expect(other).toBeNull();
  });
});

describe("chart and multi-display models on category payloads", () => {
  const stats = {
    usageDelta: {
      global: { viewUniqueRecords: [{ id: "global", name: "Global", valueType: "number", data: [["2025-03-30", 4], ["2025-03-31", 6], ["2025-04-01", 10]] }] },
      countries: { viewUniqueRecords: [
        { id: "US", name: "US", data: [["2025-03-30", 3], ["2025-04-01", 5]] },
        { id: "imported", name: "imported", data: [["2025-03-31", 1]] },
      ] },
    },
    usageSnapshot: {
      global: { viewUniqueRecords: [{ id: "global", data: [["2025-03-30", 100], ["2025-04-01", 120]] }] },
      countriesByView: { viewUniqueRecords: [{ id: "US", data: [["2025-03-30", 70], ["2025-04-01", 75]] }] },
    },
  };

  it("global delta bucketed by month", () => {
    const m = chartModel(stats, { category: "usageDelta", metric: "viewUniqueRecords", start: "2025-03-30", end: "2025-04-01", granularity: "month" });
    expect(m.buckets).toEqual(["2025-03", "2025-04"]);
    expect(m.series.map((x) => x.data)).toEqual([[10, 10]]);
  });

  it("breakdown by countries with Other and the imported id excluded", () => {
    const m = chartModel(stats, { category: "usageDelta", metric: "viewUniqueRecords", breakdown: "countries", start: "2025-03-30", end: "2025-04-01", granularity: "day" });
    expect(m.series.map((x) => x.id)).toEqual(["other", "US"]);
    expect(m.series[0].data).toEqual([1, 5, 5]);
    expect(m.series[1].data).toEqual([3, 0, 5]);
  });

  it("snapshot breakdown reads the ByView key and carries values forward", () => {
    const m = chartModel(stats, { category: "usageSnapshot", metric: "viewUniqueRecords", breakdown: "countries", start: "2025-03-30", end: "2025-04-01", granularity: "day" });
    expect(m.series.find((x) => x.id === "US").data).toEqual([70, 70, 75]);
    expect(m.series.find((x) => x.id === "other").data).toEqual([30, 30, 45]);
  });

  it("multi-display: latest value as of the end for snapshots, sums for deltas", () => {
    const snap = multiDisplayModel(stats, { category: "usageSnapshot", subcount: "countries", metric: "viewUniqueRecords", start: "2025-03-30", end: "2025-03-31" });
    expect(snap.rows).toEqual([{ id: "US", name: undefined, valueType: "number", value: 70, percent: 70 }]);
    const delta = multiDisplayModel(stats, { category: "usageDelta", subcount: "countries", metric: "viewUniqueRecords", start: "2025-03-30", end: "2025-04-01" });
    expect(delta.total).toBe(20);
    expect(delta.rows.map((r) => [r.id, r.value, r.percent])).toEqual([["US", 8, 40]]);
  });

  it("an empty payload gives an empty chart", () => {
    const m = chartModel({ recordDelta: { global: { records: [] } } }, { category: "recordDelta", metric: "records", start: D1, end: D2 });
    expect(m.series).toEqual([]);
  });
});
