import { describe, expect, it } from "vitest";
import { bucketKey, bucketPoints, fillDaily } from "../src/data/bucketing.js";
import { isoWeek, weekStart } from "../src/data/dates.js";

// Seven days around New Year 2025 (Mon 2024-12-30 .. Sun 2025-01-05), values 1..7.
const WEEK = [["2024-12-30", 1], ["2024-12-31", 2], ["2025-01-01", 3], ["2025-01-02", 4], ["2025-01-03", 5], ["2025-01-04", 6], ["2025-01-05", 7]];

describe("ISO weeks", () => {
  it("weeks start on Monday and belong to the year of their Thursday", () => {
    expect(weekStart("2025-01-05")).toBe("2024-12-30");
    expect(weekStart("2024-01-15")).toBe("2024-01-15");
    expect(isoWeek("2024-12-30")).toEqual({ year: 2025, week: 1 });
    expect(isoWeek("2021-01-03")).toEqual({ year: 2020, week: 53 });
    expect(isoWeek("2024-01-15")).toEqual({ year: 2024, week: 3 });
  });
});

describe("bucketing", () => {
  it("keys per granularity", () => {
    expect(bucketKey("2025-05-17", "day")).toBe("2025-05-17");
    expect(bucketKey("2025-05-17", "week")).toBe("2025-05-12");
    expect(bucketKey("2025-05-17", "month")).toBe("2025-05");
    expect(bucketKey("2025-05-17", "quarter")).toBe("2025-Q2");
    expect(bucketKey("2025-05-17", "year")).toBe("2025");
  });

  it("sums deltas per bucket", () => {
    expect(bucketPoints(WEEK, "week", "delta")).toEqual([["2024-12-30", 28]]);
    expect(bucketPoints(WEEK, "month", "delta")).toEqual([["2024-12", 3], ["2025-01", 25]]);
    expect(bucketPoints(WEEK, "quarter", "delta")).toEqual([["2024-Q4", 3], ["2025-Q1", 25]]);
    expect(bucketPoints(WEEK, "year", "delta")).toEqual([["2024", 3], ["2025", 25]]);
    expect(bucketPoints(WEEK, "day", "delta")).toEqual(WEEK);
  });

  it("keeps the last value of snapshots per bucket", () => {
    expect(bucketPoints(WEEK, "week", "snapshot")).toEqual([["2024-12-30", 7]]);
    expect(bucketPoints(WEEK, "month", "snapshot")).toEqual([["2024-12", 2], ["2025-01", 7]]);
    expect(bucketPoints(WEEK, "year", "snapshot")).toEqual([["2024", 2], ["2025", 7]]);
  });

  it("fills deltas with zero and carries snapshots forward", () => {
    expect(fillDaily([["2025-01-02", 5]], "2025-01-01", "2025-01-04", "delta"))
      .toEqual([["2025-01-01", 0], ["2025-01-02", 5], ["2025-01-03", 0], ["2025-01-04", 0]]);
    expect(fillDaily([["2024-12-31", 3], ["2025-01-03", 6]], "2025-01-01", "2025-01-04", "snapshot"))
      .toEqual([["2025-01-01", 3], ["2025-01-02", 3], ["2025-01-03", 6], ["2025-01-04", 6]]);
    expect(fillDaily([["2025-01-03", 6]], "2025-01-01", "2025-01-03", "snapshot"))
      .toEqual([["2025-01-01", 0], ["2025-01-02", 0], ["2025-01-03", 6]]);
  });
});
