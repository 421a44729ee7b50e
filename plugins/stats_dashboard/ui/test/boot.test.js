import { describe, expect, it } from "vitest";
import { dashboardSettings, readBootData } from "../src/boot/readConfig.js";
import { reportFileName, statsRequestBody } from "../src/data/api.js";
import { isEmptyStats, statsFromResponse } from "../src/data/categories.js";
import { latestDataDate, pageMessage } from "../src/data/status.js";

const element = (dataset) => ({ dataset });

describe("boot contract", () => {
  it("reads config and community from the root element's data attributes", () => {
    const boot = readBootData(element({ dashboardConfig: '{"dashboard_type":"community","maxHistoryYears":5}', community: '{"id":"c1","slug":"blue"}' }));
    expect(boot.errors).toEqual([]);
    expect(boot.community).toEqual({ id: "c1", slug: "blue" });
    const settings = dashboardSettings(boot.config, boot.community);
    expect([settings.type, settings.maxHistoryYears, settings.communityId, settings.defaultGranularity]).toEqual(["community", 5, "c1", "week"]);
  });

  it("treats None/null as no community and reports broken JSON", () => {
    expect(readBootData(element({ dashboardConfig: "{}", community: "None" })).community).toBeNull();
    expect(readBootData(element({ dashboardConfig: "{}", community: "null" })).community).toBeNull();
    const broken = readBootData(element({ dashboardConfig: "{oops" }));
    expect(broken.config).toEqual({});
    expect(broken.errors[0]).toMatch(/^data-dashboard-config is not valid JSON/);
    expect(readBootData(element({})).errors).toEqual(["data-dashboard-config is missing"]);
  });

  it("accepts both maxHistoryYears spellings and test-data strings", () => {
    expect(dashboardSettings({ max_history_years: 3 }, null).maxHistoryYears).toBe(3);
    expect(dashboardSettings({ use_test_data: "True" }, null).useTestData).toBe(true);
    expect(dashboardSettings({}, null).communityId).toBe("global");
    expect(dashboardSettings({ dashboard_enabled: false }, null).enabled).toBe(false);
  });
});

describe("API requests", () => {
  it("asks for the four categories of one range", () => {
    const body = statsRequestBody({ communityId: "global", start: "2024-03-01", end: "2025-02-14", dateBasis: "added" });
    expect(Object.keys(body).sort()).toEqual(["record-delta-category", "record-snapshot-category", "usage-delta-category", "usage-snapshot-category"]);
    expect(body["usage-delta-category"]).toEqual({ stat: "usage-delta-category", params: { community_id: "global", start_date: "2024-03-01", end_date: "2025-02-14", date_basis: "added" } });
  });

  it("names report files from Content-Disposition or the range", () => {
    const params = { communityId: "global", start: "2024-01-01", end: "2024-12-31" };
    expect(reportFileName('attachment; filename="data_series_csv.tar.gz"', params, "csv")).toBe("data_series_csv.tar.gz");
    expect(reportFileName(null, params, "xml")).toBe("stats_global_2024-01-01_to_2024-12-31.xml");
  });
});

describe("page status", () => {
  const settings = { aggInProgress: false, cachingInProgress: false, firstRunIncomplete: false };
  const full = statsFromResponse({ "usage-delta-category": { global: { views: [{ id: "global", data: [["2025-01-02", 1]] }] } } });
  const empty = statsFromResponse({ "record-delta-category": { global: { records: [] }, filePresence: { records: [{ id: "with_files", data: [] }] } } });

  it("emptiness ignores empty arrays and file presence series without points", () => {
    expect(isEmptyStats(empty)).toBe(true);
    expect(isEmptyStats(null)).toBe(true);
    expect(isEmptyStats(full)).toBe(false);
  });

  it("chooses the message", () => {
    expect(pageMessage({ status: "error", stats: full, settings }).kind).toBe("error");
    expect(pageMessage({ status: "loading", stats: null, settings }).kind).toBeNull();
    expect(pageMessage({ status: "ready", stats: empty, settings })).toEqual({ kind: "info", titleKey: "state.noDataTitle", textKey: "state.noDataPeriod" });
    expect(pageMessage({ status: "ready", stats: full, settings: { ...settings, firstRunIncomplete: true, aggInProgress: true } }))
      .toEqual({ kind: "info", titleKey: "state.inProgressTitle", textKey: "state.firstRun" });
    expect(pageMessage({ status: "ready", stats: empty, settings: { ...settings, aggInProgress: true } }).textKey).toBe("state.busy");
    expect(pageMessage({ status: "ready", stats: full, settings: { ...settings, cachingInProgress: true } }).kind).toBe("banner");
    expect(pageMessage({ status: "ready", stats: full, settings }).kind).toBeNull();
  });

  it("data as of = the latest global data point", () => {
    expect(latestDataDate(full)).toBe("2025-01-02");
    expect(latestDataDate(empty)).toBeNull();
  });
});
