import { describe, expect, it } from "vitest";
import { resolveLayout } from "../src/layout/resolveLayout.js";
import { CATALOGUE, countedMetric } from "../src/layout/catalogue.js";
import { DEFAULT_LAYOUT } from "../src/layout/defaultLayout.js";

describe("layout resolution", () => {
  it("the default layout has the four tabs and only known components", () => {
    const layout = resolveLayout(DEFAULT_LAYOUT);
    expect(layout.tabs.map((t) => [t.name, t.mode])).toEqual([["content", "snapshot"], ["contributions", "delta"], ["traffic", "snapshot"], ["usage", "delta"]]);
    expect(layout.unknown).toEqual([]);
    expect(layout.problems).toEqual([]);
  });

  it("a missing layout falls back to the default without a problem; a broken one reports it", () => {
    expect(resolveLayout(null).usedDefault).toBe(true);
    expect(resolveLayout(null).problems).toEqual([]);
    const broken = resolveLayout({ tabs: [] });
    expect(broken.usedDefault).toBe(true);
    expect(broken.problems).toHaveLength(1);
  });

  it("reports unknown names and keeps them as cells", () => {
    const layout = resolveLayout({ tabs: [{ name: "x", rows: [{ name: "r", components: [{ component: "TopReferrersMultiDisplay" }, { component: "SingleStatViews" }] }] }] });
    expect(layout.unknown).toEqual([{ tab: "x", component: "TopReferrersMultiDisplay" }]);
    const cells = layout.tabs[0].rows[0].cells;
    expect(cells.map((c) => [c.name, c.entry === null])).toEqual([["TopReferrersMultiDisplay", true], ["SingleStatViews", false]]);
  });

  it("names inherited from Object.prototype are not components", () => {
    const layout = resolveLayout({ tabs: [{ name: "x", rows: [{ components: [{ component: "toString" }] }] }] });
    expect(layout.unknown).toEqual([{ tab: "x", component: "toString" }]);
  });

  it("gives duplicate components and duplicate tab names distinct keys", () => {
    const row = { name: "r", components: [{ component: "SingleStatViews" }, { component: "SingleStatViews" }] };
    const layout = resolveLayout({ tabs: [{ name: "a", rows: [row, row] }, { name: "a", rows: [row] }] });
    const keys = layout.tabs.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.key)));
    expect(new Set(keys).size).toBe(keys.length);
    expect(layout.tabs.map((t) => t.name)).toEqual(["a", "a-2"]);
    expect(layout.problems).toEqual(['duplicate tab name "a"']);
  });

  it("infers the date mode from components when a tab names none (not from the tab name)", () => {
    const tab = (name, component, props) => ({ name, rows: [{ components: [{ component, props }] }] });
    const layout = resolveLayout({ tabs: [
      tab("content", "SingleStatViews"), tab("whatever", "TrafficStatsChartCumulative"),
      tab("map", "StatsMap", { useSnapshot: false }), { ...tab("x", "SingleStatViews"), mode: "snapshot" },
    ] });
    expect(layout.tabs.map((t) => t.mode)).toEqual(["delta", "snapshot", "delta", "snapshot"]);
  });

  it("widths: props win over the cell, invalid values fall back", () => {
    const layout = resolveLayout({ tabs: [{ name: "x", rows: [{ components: [
      { component: "SingleStatViews", width: 5, props: { mobile: 8 } },
      { component: "SingleStatViews", width: 40 },
    ] }] }] });
    const [a, b] = layout.tabs[0].rows[0].cells;
    expect([a.width, a.tablet, a.mobile]).toEqual([5, 5, 8]);
    expect([b.width, b.mobile]).toEqual([16, 16]);
  });
});

describe("component catalogue", () => {
  it("covers every family of API_UI.md 6.5", () => {
    const names = Object.keys(CATALOGUE);
    for (const base of ["RecordCount", "Uploaders", "DataVolume", "Views", "Downloads", "Traffic"]) {
      expect(names).toContain(`SingleStat${base}`);
      expect(names).toContain(`SingleStat${base}Cumulative`);
    }
    for (const family of ["ResourceTypes", "AccessStatuses", "Languages", "Subjects", "Rights", "Funders", "Periodicals", "Publishers", "Affiliations", "FileTypes"]) {
      for (const suffix of ["", "Delta", "Views", "ViewsDelta", "Downloads", "DownloadsDelta"]) expect(names).toContain(`${family}MultiDisplay${suffix}`);
    }
    for (const name of ["CountriesMultiDisplayViews", "CountriesMultiDisplayViewsDelta", "ReferrersMultiDisplayViews", "ReferrersMultiDisplayViewsDelta",
      "MostViewedRecordsMultiDisplay", "MostDownloadedRecordsMultiDisplay", "StatsMap", "ContentStatsChart", "ContentStatsChartCumulative",
      "TrafficStatsChart", "TrafficStatsChartCumulative", "DateRangeSelector", "GranularitySelector", "ReportSelector"]) {
      expect(names).toContain(name);
    }
  });

  it("counting works instead of versions switches the metric", () => {
    expect(countedMetric("records", "parents")).toBe("parents");
    expect(countedMetric("viewUniqueRecords", "parents")).toBe("viewUniqueParents");
    expect(countedMetric("downloadUniqueFiles", "parents")).toBe("downloadUniqueParents");
    expect(countedMetric("dataVolume", "parents")).toBe("dataVolume");
    expect(countedMetric("records", "versions")).toBe("records");
  });
});
