/// The component catalogue (API_UI.md 6.5): every name a layout may use, described as data. The React
/// registry (components/registry.jsx) maps each `kind` to a component; this file stays React-free so layout
/// resolution is testable on its own.

const SINGLE_STATS = {
  RecordCount: { metric: "records", titleKey: "title.records", icon: "file" },
  Uploaders: { metric: "uploaders", titleKey: "title.uploaders", icon: "users" },
  DataVolume: { metric: "dataVolume", titleKey: "title.dataVolume", icon: "database" },
  Views: { metric: "viewUniqueRecords", titleKey: "title.views", icon: "eye", usage: true },
  Downloads: { metric: "downloadUniqueFiles", titleKey: "title.downloads", icon: "download", usage: true },
  Traffic: { metric: "dataVolume", titleKey: "title.traffic", icon: "chart line", usage: true },
};

const CHARTS = {
  ContentStatsChart: { category: "recordDelta", chartType: "line", titleKey: "title.contributionRates",
    metrics: [["records", "metric.addedRecords"], ["uploaders", "metric.activeUploaders"], ["dataVolume", "metric.uploadedData"]] },
  ContentStatsChartCumulative: { category: "recordSnapshot", chartType: "bar", titleKey: "title.cumulativeGrowth",
    metrics: [["records", "metric.records"], ["fileCount", "metric.files"], ["dataVolume", "metric.dataVolume"], ["uploaders", "metric.uploaders"]] },
  TrafficStatsChart: { category: "usageDelta", chartType: "line", titleKey: "title.usageRates",
    metrics: [["viewUniqueRecords", "metric.uniqueViews"], ["downloadUniqueFiles", "metric.uniqueDownloads"], ["dataVolume", "metric.downloadedData"]] },
  TrafficStatsChartCumulative: { category: "usageSnapshot", chartType: "bar", titleKey: "title.cumulativeUsage",
    metrics: [["viewUniqueRecords", "metric.cumulativeViews"], ["downloadUniqueFiles", "metric.cumulativeDownloads"], ["dataVolume", "metric.cumulativeDownloadedData"]] },
};

/// Subcount families of the multi-displays: logical subcount, icon, item header key, which variants exist.
const RECORD_AND_USAGE = ["", "Delta", "Views", "ViewsDelta", "Downloads", "DownloadsDelta"];
const USAGE_ONLY = ["Views", "ViewsDelta", "Downloads", "DownloadsDelta"];
const SUBCOUNT_FAMILIES = {
  ResourceTypes: { subcount: "resourceTypes", icon: "file", header: "header.workType", variants: RECORD_AND_USAGE },
  AccessStatuses: { subcount: "accessStatuses", icon: "lock", header: "header.accessStatus", variants: RECORD_AND_USAGE },
  Languages: { subcount: "languages", icon: "language", header: "header.language", variants: RECORD_AND_USAGE },
  Subjects: { subcount: "subjects", icon: "tag", header: "header.subject", variants: RECORD_AND_USAGE },
  Rights: { subcount: "rights", icon: "copyright", header: "header.license", variants: RECORD_AND_USAGE },
  Funders: { subcount: "funders", icon: "money bill", header: "header.funder", variants: RECORD_AND_USAGE },
  Periodicals: { subcount: "periodicals", icon: "newspaper", header: "header.periodical", variants: RECORD_AND_USAGE },
  Publishers: { subcount: "publishers", icon: "building", header: "header.publisher", variants: RECORD_AND_USAGE },
  Affiliations: { subcount: "affiliations", icon: "university", header: "header.affiliation", variants: RECORD_AND_USAGE, defaultView: "list" },
  FileTypes: { subcount: "fileTypes", icon: "file", header: "header.fileType", variants: RECORD_AND_USAGE },
  Countries: { subcount: "countries", icon: "globe", header: "header.country", variants: USAGE_ONLY },
  Referrers: { subcount: "referrers", icon: "linkify", header: "header.referrer", variants: USAGE_ONLY },
};

const VARIANTS = {
  "": { category: "recordSnapshot", metric: "records", valueHeader: "header.works" },
  Delta: { category: "recordDelta", metric: "records", valueHeader: "header.works", noGlobalTotal: true },
  Views: { category: "usageSnapshot", metric: "viewUniqueRecords", valueHeader: "header.views" },
  ViewsDelta: { category: "usageDelta", metric: "viewUniqueRecords", valueHeader: "header.views" },
  Downloads: { category: "usageSnapshot", metric: "downloadUniqueFiles", valueHeader: "header.downloads" },
  DownloadsDelta: { category: "usageDelta", metric: "downloadUniqueFiles", valueHeader: "header.downloads" },
};

function buildCatalogue() {
  const c = {};
  for (const [suffix, s] of Object.entries(SINGLE_STATS)) {
    const delta = s.usage ? "usageDelta" : "recordDelta";
    const snapshot = s.usage ? "usageSnapshot" : "recordSnapshot";
    c[`SingleStat${suffix}`] = { kind: "singleStat", category: delta, metric: s.metric, titleKey: s.titleKey, icon: s.icon };
    c[`SingleStat${suffix}Cumulative`] = { kind: "singleStat", category: snapshot, metric: s.metric,
      titleKey: `${s.titleKey}Cumulative`, icon: suffix === "RecordCount" ? "file alternate" : s.icon };
  }
  for (const [name, spec] of Object.entries(CHARTS)) c[name] = { kind: "chart", ...spec };
  for (const [family, f] of Object.entries(SUBCOUNT_FAMILIES)) {
    for (const variant of f.variants) {
      c[`${family}MultiDisplay${variant}`] = { kind: "multiDisplay", subcount: f.subcount, icon: f.icon,
        itemHeader: f.header, defaultView: f.defaultView || "pie", titleKey: `family.${family}`, ...VARIANTS[variant] };
    }
  }
  // Leaderboards (issue 8): props metric, pageSize (size), title ("@key" or text; default: period-following).
  c.MostViewedRecordsMultiDisplay = { kind: "topRecords", metric: "views" };
  c.MostDownloadedRecordsMultiDisplay = { kind: "topRecords", metric: "downloads" };
  c.MostTrafficRecordsMultiDisplay = { kind: "topRecords", metric: "volume" };
  c.TopRecords = { kind: "topRecords", metric: "views" };
  c.TopUploaders = { kind: "topUploaders", metric: "records", titleKey: "leaderboard.topUploaders" };
  c.TopCommunities = { kind: "topCommunities", query: "top-communities", metric: "records", titleKey: "leaderboard.topCommunities" };
  c.TopSubcommunities = { kind: "topCommunities", query: "top-subcommunities", metric: "records", titleKey: "leaderboard.topSubcommunities" };
  c.StatsMap = { kind: "map" };
  // Generic building blocks: usable from a layout when the props name the data (category, metric, subcount).
  c.StatsChart = { kind: "chart", category: null, chartType: "line", titleKey: "title.chart", metrics: null };
  c.StatsMultiDisplay = { kind: "multiDisplay", category: null, subcount: null, metric: null, defaultView: "pie", valueHeader: "header.value", itemHeader: "header.item", titleKey: "title.breakdown" };
  c.StatsTable = { ...c.StatsMultiDisplay, defaultView: "list" };
  c.SingleStatBox = { kind: "singleStat", category: null, metric: null, titleKey: "title.value" };
  for (const control of ["DateRangeSelector", "GranularitySelector", "ReportSelector", "UpdateStatusMessage", "VersionsToggle"]) {
    c[control] = { kind: "control", control };
  }
  return c;
}

export const CATALOGUE = buildCatalogue();

/// Whether a catalogue entry shows totals as of a date (snapshot) or activity over the range (delta).
export function entryMode(entry, props = {}) {
  if (!entry) return null;
  if (entry.kind === "map") return props.useSnapshot === false ? "delta" : "snapshot";
  const category = props.category || entry.category;
  if (!category) return null;
  return category.endsWith("Snapshot") ? "snapshot" : "delta";
}

/// The metric key actually read when counting versions or parents (works): records -> parents,
/// viewUniqueRecords -> viewUniqueParents, downloadUniqueFiles -> downloadUniqueParents.
export function countedMetric(metric, countBy) {
  if (countBy !== "parents") return metric;
  return { records: "parents", viewUniqueRecords: "viewUniqueParents", downloadUniqueFiles: "downloadUniqueParents" }[metric] || metric;
}
