import { describe, expect, it } from "vitest";
import { formatBytes, formatNumber, formatValue } from "../src/format/numbers.js";
import { formatAxisLabel, formatDay, formatPeriod, formatRange, periodStart } from "../src/format/dates.js";

const plain = (text) => text.replace(/\s/g, " ");

describe("numbers", () => {
  it("default, compact, percent (English)", () => {
    expect(formatNumber(1234)).toBe("1,234");
    expect(formatNumber(1234.56)).toBe("1,235");
    expect(formatNumber(9999999, "compact")).toBe("10M");
    expect(formatNumber(0.123, "percent")).toBe("12.3%");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(Infinity)).toBe("∞");
  });

  it("honours compactThreshold", () => {
    expect(formatNumber(1500, "compact", { compactThreshold: 1000000 })).toBe("1,500");
    expect(formatNumber(1500000, "compact", { compactThreshold: 1000000 })).toBe("1.5M");
  });

  it("bytes in decimal and binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1)).toBe("1 B");
    expect(formatBytes(1500)).toBe("1.5 kB");
    expect(formatBytes(1e12)).toBe("1.0 TB");
    expect(formatBytes(2048, { binary: true })).toBe("2.0 KiB");
    expect(formatBytes(1024 ** 3 * 5.25, { binary: true })).toBe("5.3 GiB");
    expect(formatValue(3072, "filesize")).toBe("3.1 kB");
    expect(formatValue(3072, "number")).toBe("3,072");
  });

  it("per locale", () => {
    expect(formatNumber(1234567, "default", { locale: "de" })).toBe("1.234.567");
    expect(formatBytes(1500, { locale: "de" })).toBe("1,5 kB");
    expect(plain(formatNumber(0.5, "percent", { locale: "de" }))).toBe("50 %");
    expect(formatNumber(1234567, "default", { locale: "fr" }).replace(/\s/g, " ")).toBe("1 234 567");
  });
});

describe("dates", () => {
  it("labels per granularity", () => {
    expect(formatPeriod("2024-01-15", "day")).toBe("Jan 15, 2024");
    expect(plain(formatPeriod("2024-01-15", "week"))).toBe("Jan 15 – 21, 2024");
    expect(plain(formatPeriod("2024-01-29", "week"))).toBe("Jan 29 – Feb 4, 2024");
    expect(formatPeriod("2024-01", "month")).toBe("January 2024");
    expect(formatPeriod("2024-Q1", "quarter")).toBe("Q1 2024");
    expect(formatPeriod("2024", "year")).toBe("2024");
    expect(formatDay("2024-01-15", "en", "long")).toBe("January 15, 2024");
    expect(formatDay("2024-01-15", "de")).toBe("15.01.2024");
    expect(formatAxisLabel("2024-03", "month")).toBe("Mar 2024");
    expect(plain(formatRange("2024-01-01", "2024-03-31"))).toBe("Jan 1 – Mar 31, 2024");
  });

  it("bucket keys map back to their first day", () => {
    expect(periodStart("2024-Q3")).toBe("2024-07-01");
    expect(periodStart("2024-05")).toBe("2024-05-01");
    expect(periodStart("2024")).toBe("2024-01-01");
  });
});
