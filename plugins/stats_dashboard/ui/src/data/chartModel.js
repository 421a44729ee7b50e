/// The StatsChart pipeline (API_UI.md 6.6) as one pure function: pick series, clip, top-N + Other, fill every
/// day, bucket by granularity. Output series share the same bucket keys.
import { bucketPoints, fillDaily } from "./bucketing.js";
import { globalSeriesOf, modeOfCategory, seriesOf } from "./categories.js";
import { excludedIdsFor, topSeriesWithOther } from "./series.js";

/// -> {mode, valueType, buckets: [key], series: [{id, name, isOther, data: [value per bucket]}]}
export function chartModel(stats, { category, metric, breakdown = null, start, end, granularity = "day", maxSeries = 12 }) {
  const mode = modeOfCategory(category);
  const global = globalSeriesOf(stats, category, metric);
  let series;
  if (!breakdown) {
    series = global ? [{ ...global, data: fillDaily(global.data, start, end, mode) }] : [];
    if (series.length && series[0].data.every(([, v]) => v === 0)) series = [];
  } else {
    const items = seriesOf(stats, category, breakdown, metric);
    const { visible, other } = topSeriesWithOther(items, {
      start, end, mode, maxSeries, globalSeries: global, excludedIds: excludedIdsFor(breakdown),
    });
    series = other ? [other, ...visible] : visible;
  }
  const bucketed = series.map((s) => ({ ...s, points: bucketPoints(s.data, granularity, mode) }));
  const buckets = bucketed.length ? bucketed[0].points.map(([key]) => key) : [];
  return {
    mode,
    valueType: global?.valueType || (metric === "dataVolume" ? "filesize" : "number"),
    buckets,
    series: bucketed.map(({ id, name, isOther, points }) => ({ id, name, isOther: Boolean(isOther), data: points.map(([, v]) => v) })),
  };
}
