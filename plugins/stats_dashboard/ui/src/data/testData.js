/// Synthetic category payloads for dashboard_config.use_test_data (demo/development without a server).
/// Deterministic: the same range always yields the same numbers.
import { eachDay } from "./dates.js";

function noise(seed) {
  let x = seed % 2147483647 || 1;
  return () => ((x = (x * 48271) % 2147483647) / 2147483647);
}

const ITEMS = {
  resourceTypes: [["dataset", "Dataset"], ["publication-article", "Journal article"], ["software", "Software"], ["image", "Image"]],
  languages: [["eng", "English"], ["deu", "German"], ["fra", "French"]],
  accessStatuses: [["open", "Open Access"], ["restricted", "Restricted"], ["embargoed", "Embargoed"]],
  fileTypes: [["pdf", "PDF"], ["csv", "CSV"], ["zip", "ZIP"]],
  countries: [["US", "US"], ["DE", "DE"], ["BR", "BR"], ["IN", "IN"], ["KE", "KE"]],
};
const RECORD_METRICS = ["records", "parents", "uploaders", "fileCount", "dataVolume"];
const USAGE_METRICS = ["views", "downloads", "viewUniqueRecords", "viewUniqueParents", "downloadUniqueFiles", "downloadUniqueParents", "dataVolume"];

function family(days, metrics, subcounts, snapshot, seed) {
  const rand = noise(seed);
  const out = { global: {} };
  const daily = days.map(() => Math.floor(rand() * 20));
  for (const metric of metrics) {
    const scale = metric === "dataVolume" ? 2.5e6 : metric === "uploaders" ? 0.3 : 1;
    let total = 0;
    const data = days.map((d, i) => {
      const v = Math.round(daily[i] * scale);
      total += v;
      return [d, snapshot ? total : v];
    });
    out.global[metric] = [{ id: "global", name: "Global", type: "bar", valueType: metric === "dataVolume" ? "filesize" : "number", data }];
  }
  for (const key of subcounts) {
    const items = ITEMS[key];
    out[key] = {};
    for (const metric of metrics.filter((m) => m !== "uploaders")) {
      const global = out.global[metric][0].data;
      out[key][metric] = items.map(([id, name], k) => ({
        id, name, type: "line", valueType: metric === "dataVolume" ? "filesize" : "number",
        data: global.map(([d, v]) => [d, Math.floor(v / (k + 2))]),
      }));
    }
  }
  return out;
}

export function generateTestStats(start, end) {
  const days = eachDay(start, end);
  const seed = +start.replace(/-/g, "") % 100000;
  const record = ["resourceTypes", "languages", "accessStatuses", "fileTypes"];
  const usage = [...record, "countries"];
  const usageSnapshot = family(days, USAGE_METRICS, usage, true, seed + 3);
  usageSnapshot.countriesByView = usageSnapshot.countries;
  return {
    recordDelta: family(days, RECORD_METRICS, record, false, seed),
    recordSnapshot: family(days, RECORD_METRICS, record, true, seed),
    usageDelta: family(days, USAGE_METRICS, usage, false, seed + 3),
    usageSnapshot,
  };
}
