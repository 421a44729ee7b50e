/// DataSeries handling (API_UI.md 1.5/1.6/6.6): normalisation, range clipping, reduction and top-N + "Other".
import { fillDaily } from "./bucketing.js";

/// Ids never drawn as their own series nor counted in "Other", per subcount family.
export const EXCLUDED_IDS = { publishers: ["unknown"], countries: ["imported"] };

export function excludedIdsFor(subcount) {
  const base = String(subcount || "").replace(/(ByView|ByDownload)$/, "");
  return EXCLUDED_IDS[base] || [];
}

/// Full ISO date of a data point; accepts legacy "MM-DD" points when the series carries a `year`.
export function pointDate(date, year) {
  const text = String(date);
  if (/^\d{2}-\d{2}$/.test(text) && year) return `${year}-${text}`;
  return text.slice(0, 10);
}

/// Copy of a DataSeries with full dates, numeric values, sorted by date (later duplicates win).
export function normalizeSeries(series) {
  const byDate = new Map();
  for (const [date, value] of series.data || []) byDate.set(pointDate(date, series.year), Number(value) || 0);
  const data = [...byDate.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { id: String(series.id), name: series.name, valueType: series.valueType || "number", data };
}

/// Points with start <= date <= end.
export function clipPoints(points, start, end) {
  return points.filter(([date]) => date >= start && date <= end);
}

/// Sum over the range (delta) or the last value on or before end (snapshot; 0 when none).
export function reduceSeries(points, start, end, mode) {
  if (mode === "snapshot") {
    let last = 0;
    for (const [date, value] of points) if (date <= end) last = value;
    return last;
  }
  return clipPoints(points, start, end).reduce((sum, [, value]) => sum + value, 0);
}

/// Top-N selection with an "Other" series (API_UI.md 6.6). Inputs are normalised series (full dates);
/// output series are dense daily series over [start, end].
///   options: {start, end, mode: delta|snapshot, maxSeries, globalSeries (normalised or null), excludedIds}
/// Ranking is by sum (delta) or last value (snapshot); all-zero series are dropped; "Other" per day =
/// max(0, global - sum(visible) - sum(excluded)) and is omitted when zero everywhere or without a global series.
export function topSeriesWithOther(seriesList, options) {
  const { start, end, mode, maxSeries = 12, globalSeries = null, excludedIds = [] } = options;
  const dense = seriesList.map((s) => ({ ...s, data: fillDaily(s.data, start, end, mode) }));
  const rankOf = (s) => (mode === "snapshot" ? (s.data.length ? s.data[s.data.length - 1][1] : 0) : s.data.reduce((a, [, v]) => a + v, 0));
  const nonZero = dense.filter((s) => s.data.some(([, v]) => v !== 0));
  const excluded = nonZero.filter((s) => excludedIds.includes(s.id));
  const ranked = nonZero
    .filter((s) => !excludedIds.includes(s.id))
    .map((s) => ({ series: s, rank: rankOf(s) }))
    .sort((a, b) => b.rank - a.rank || (a.series.id < b.series.id ? -1 : 1));
  const visible = ranked.slice(0, Math.max(0, maxSeries)).map((r) => r.series);
  if (!globalSeries) return { visible, other: null };
  const global = fillDaily(globalSeries.data, start, end, mode);
  const otherData = global.map(([date, total], i) => {
    const shown = [...visible, ...excluded].reduce((sum, s) => sum + s.data[i][1], 0);
    return [date, Math.max(0, total - shown)];
  });
  const other = otherData.some(([, v]) => v > 0) ? { id: "other", name: null, isOther: true, valueType: globalSeries.valueType, data: otherData } : null;
  return { visible, other };
}

/// Rows of a multi-display table (API_UI.md 6.7): one value per item (sum or latest), excluded ids removed,
/// sorted descending, top pageSize rows plus {id:"other"} holding the rest; percentages of `total`
/// (the global total when > 0, else the sum of items). Zero rows are dropped.
export function rankItems(items, { pageSize = 10, total = 0, excludedIds = [] } = {}) {
  const kept = items.filter((it) => !excludedIds.includes(it.id) && it.value !== 0)
    .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1));
  const sum = kept.reduce((acc, it) => acc + it.value, 0);
  const denominator = total > 0 ? total : sum;
  const pct = (v) => (denominator > 0 ? Math.round((100 * v) / denominator) : 0);
  const rows = kept.slice(0, pageSize).map((it) => ({ ...it, percent: pct(it.value) }));
  const rest = kept.slice(pageSize).reduce((acc, it) => acc + it.value, 0);
  const other = rest !== 0 ? { id: "other", name: null, isOther: true, value: rest, percent: pct(rest) } : null;
  return { rows, other, total: denominator };
}
