/// Access to the four category payloads of POST /api/stats (API_UI.md 1.6), tolerant of the subcount names
/// different configurations use (access_statuses vs access_rights, rights vs licenses, ...).
import { normalizeSeries } from "./series.js";

/// Request key / stat name of each category and the short name the UI uses.
export const CATEGORY_QUERIES = {
  recordDelta: "record-delta-category",
  recordSnapshot: "record-snapshot-category",
  usageDelta: "usage-delta-category",
  usageSnapshot: "usage-snapshot-category",
};

export function modeOfCategory(category) {
  return category.endsWith("Snapshot") ? "snapshot" : "delta";
}

/// snake_case or kebab-case -> camelCase ("access_statuses" -> "accessStatuses").
export function camelize(name) {
  return String(name).replace(/[_-]([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/// Logical subcount (camelCase) -> payload keys tried in order.
export const SUBCOUNT_ALIASES = {
  accessStatuses: ["accessStatuses", "accessRights"],
  accessRights: ["accessRights", "accessStatuses"],
  rights: ["rights", "licenses"],
  licenses: ["licenses", "rights"],
  affiliations: ["affiliations", "affiliationsCreator", "affiliationsContributor"],
  subjects: ["subjects", "keywords"],
};

function candidates(logical) {
  const key = camelize(logical);
  return SUBCOUNT_ALIASES[key] || [key];
}

/// Which side of a usage snapshot "top" subcount a metric belongs to.
export function usageSide(metric) {
  return /^view/.test(metric) ? "ByView" : "ByDownload";
}

function hasSeries(list) {
  return Array.isArray(list) && list.some((s) => Array.isArray(s.data) && s.data.length > 0);
}

/// The payload key of a logical subcount in one category for one metric, or null. Prefers keys whose metric
/// list has data; for usage snapshots `<x>ByView`/`<x>ByDownload` (top-type) win over plain `<x>`.
export function resolveSubcountKey(categoryData, category, logical, metric) {
  if (!categoryData) return null;
  const keys = [];
  for (const base of candidates(logical)) {
    if (category === "usageSnapshot") keys.push(base + usageSide(metric));
    keys.push(base);
  }
  const present = keys.filter((k) => categoryData[k] && typeof categoryData[k] === "object");
  return present.find((k) => hasSeries(categoryData[k][metric])) || present[0] || null;
}

/// Normalised series of `global` or a subcount for a metric ([] when absent).
export function seriesOf(stats, category, subcount, metric) {
  const data = stats?.[category];
  if (!data) return [];
  const key = subcount === "global" ? "global" : resolveSubcountKey(data, category, subcount, metric);
  const list = key ? data[key]?.[metric] : null;
  return Array.isArray(list) ? list.map(normalizeSeries) : [];
}

/// The global series of a metric, or null.
export function globalSeriesOf(stats, category, metric) {
  return seriesOf(stats, category, "global", metric)[0] || null;
}

/// Logical subcounts (camelCase, aliases folded) of a category that have data for a metric.
export function subcountsWithData(stats, category, metric) {
  const data = stats?.[category];
  if (!data) return [];
  const found = new Set();
  for (const key of Object.keys(data)) {
    if (key === "global") continue;
    const logical = key.replace(/(ByView|ByDownload)$/, "");
    if (hasSeries(data[key]?.[metric])) found.add(canonicalSubcount(logical));
  }
  return [...found].sort();
}

/// Folds payload spellings onto the names layouts use (accessRights -> accessStatuses, licenses -> rights).
export function canonicalSubcount(key) {
  const map = { accessRights: "accessStatuses", licenses: "rights", affiliationsCreator: "affiliations", keywords: "subjects" };
  return map[key] || key;
}

/// Turns a POST /api/stats response into {recordDelta, recordSnapshot, usageDelta, usageSnapshot}.
export function statsFromResponse(body) {
  const out = {};
  for (const [short, query] of Object.entries(CATEGORY_QUERIES)) out[short] = body?.[query] || {};
  return out;
}

/// True when no category holds a single data point (API_UI.md 6.9 emptiness).
export function isEmptyStats(stats) {
  if (!stats) return true;
  return !Object.values(stats).some((cat) =>
    cat && typeof cat === "object" && Object.values(cat).some((metrics) =>
      metrics && typeof metrics === "object" && Object.values(metrics).some(hasSeries)));
}
