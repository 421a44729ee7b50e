import { describe, expect, it } from "vitest";
import { PRESETS_BY_GRANULARITY, defaultPreset, expandToGranularity, presetRange, validateCustomRange } from "../src/data/presets.js";

// Injected "today": Friday 14 February 2025 (first quarter, so previousQuarter must reach into 2024).
const TODAY = "2025-02-14";
const range = (preset, years = 10) => presetRange(preset, TODAY, years);

describe("date presets", () => {
  it("day presets", () => {
    expect(range("yearToDate")).toEqual({ start: "2025-01-01", end: TODAY });
    expect(range("7days")).toEqual({ start: "2025-02-08", end: TODAY });
    expect(range("30days")).toEqual({ start: "2025-01-16", end: TODAY });
    expect(range("90days")).toEqual({ start: "2024-11-17", end: TODAY });
    expect(range("6months")).toEqual({ start: "2024-09-01", end: TODAY });
    expect(range("1year")).toEqual({ start: "2024-02-15", end: TODAY });
    expect(range("allTime")).toEqual({ start: "2015-01-01", end: TODAY });
  });

  it("week presets count whole days back from today", () => {
    expect(range("1week")).toEqual({ start: "2025-02-08", end: TODAY });
    expect(range("2weeks")).toEqual({ start: "2025-02-01", end: TODAY });
    expect(range("4weeks")).toEqual({ start: "2025-01-18", end: TODAY });
    expect(range("24weeks").start).toBe("2024-08-31");
  });

  it("month presets start on the first of a month", () => {
    expect(range("1month")).toEqual({ start: "2025-02-01", end: TODAY });
    expect(range("3months")).toEqual({ start: "2024-12-01", end: TODAY });
    expect(range("12months")).toEqual({ start: "2024-03-01", end: TODAY });
  });

  it("quarter presets, previous quarter in Q1 is Q4 of last year", () => {
    expect(range("currentQuarter")).toEqual({ start: "2025-01-01", end: "2025-03-31" });
    expect(range("previousQuarter")).toEqual({ start: "2024-10-01", end: "2024-12-31" });
    expect(range("2quarters")).toEqual({ start: "2024-10-01", end: TODAY });
    expect(range("4quarters")).toEqual({ start: "2024-04-01", end: TODAY });
  });

  it("year presets and the history clamp", () => {
    expect(range("currentYear")).toEqual({ start: "2025-01-01", end: TODAY });
    expect(range("previousYear")).toEqual({ start: "2024-01-01", end: "2024-12-31" });
    expect(range("2years")).toEqual({ start: "2024-01-01", end: TODAY });
    expect(range("5years")).toEqual({ start: "2021-01-01", end: TODAY });
    expect(range("5years", 1)).toEqual({ start: "2024-01-01", end: TODAY });
    expect(range("allTime", 3)).toEqual({ start: "2022-01-01", end: TODAY });
  });

  it("every listed preset except custom yields a range ending no later than its unit", () => {
    for (const [granularity, presets] of Object.entries(PRESETS_BY_GRANULARITY)) {
      for (const preset of presets) {
        const r = range(preset);
        if (preset === "custom") expect(r).toBeNull();
        else expect(r && r.start <= r.end, `${granularity}/${preset}`).toBe(true);
      }
    }
  });

  it("1year on 29 February", () => {
    expect(presetRange("1year", "2024-02-29", 10)).toEqual({ start: "2023-03-02", end: "2024-02-29" });
  });

  it("expands ranges to whole units", () => {
    const r = { start: "2025-01-01", end: "2025-02-14" };
    expect(expandToGranularity(r, "day")).toEqual(r);
    expect(expandToGranularity(r, "week")).toEqual({ start: "2024-12-30", end: "2025-02-16" });
    expect(expandToGranularity(r, "month")).toEqual({ start: "2025-01-01", end: "2025-02-28" });
    expect(expandToGranularity(r, "quarter")).toEqual({ start: "2025-01-01", end: "2025-03-31" });
    expect(expandToGranularity({ start: "2023-05-05", end: "2025-02-14" }, "year")).toEqual({ start: "2023-01-01", end: "2025-12-31" });
  });

  it("default presets follow default_range_options and fall back when invalid", () => {
    expect(defaultPreset("day")).toBe("30days");
    expect(defaultPreset("year")).toBe("2years");
    expect(defaultPreset("week", { week: "8weeks" })).toBe("8weeks");
    expect(defaultPreset("week", { week: "5years" })).toBe("yearToDate");
  });

  it("validates custom ranges", () => {
    expect(validateCustomRange("2024-01-01", "2024-12-31")).toBeNull();
    expect(validateCustomRange("2024-02-30", "2024-12-31")).toBe("range.invalidStart");
    expect(validateCustomRange("2024-01-01", "")).toBe("range.invalidEnd");
    expect(validateCustomRange("2024-05-01", "2024-04-30")).toBe("range.endBeforeStart");
  });
});
