/// Leaderboards (top-records, top-uploaders, top-communities, top-subcommunities on /api/stats):
/// request bodies, titles that follow the selected period, and table rows from the answers.
/// React-free so the transforms are unit tested (test/leaderboards.test.js).

/// The record metrics the record leaderboards rank by: value field, message key, value type.
export const RECORD_METRICS = {
  views: { field: "views", titleKey: "leaderboard.mostViewed", headerKey: "header.views", valueType: "number" },
  downloads: { field: "downloads", titleKey: "leaderboard.mostDownloaded", headerKey: "header.downloads", valueType: "number" },
  volume: { field: "data_volume", titleKey: "leaderboard.mostTraffic", headerKey: "header.traffic", valueType: "filesize" },
  unique_views: { field: "unique_views", titleKey: "leaderboard.mostViewed", headerKey: "header.views", valueType: "number" },
  unique_downloads: { field: "unique_downloads", titleKey: "leaderboard.mostDownloaded", headerKey: "header.downloads", valueType: "number" },
};

export const UPLOADER_METRICS = {
  records: { field: "records", headerKey: "header.works", valueType: "number" },
  parents: { field: "parents", headerKey: "header.works", valueType: "number" },
  volume: { field: "data_volume", headerKey: "header.dataVolume", valueType: "filesize" },
};

export const COMMUNITY_METRICS = {
  records: { field: "records", headerKey: "header.works", valueType: "number" },
  views: { field: "views", headerKey: "header.views", valueType: "number" },
  downloads: { field: "downloads", headerKey: "header.downloads", valueType: "number" },
};

/// The level of the record leaderboards for the dashboard's versions/parents toggle.
export const levelFor = (countBy) => (countBy === "parents" ? "parent" : "version");

/// {"<query>": {stat, params}} for one leaderboard call; a null community means the global statistics.
export function leaderboardRequest(query, { communityId = "global", start, end, metric, level, size = 10 }) {
  const params = { community_id: communityId || "global", metric, size: Number(size) };
  if (start) params.start_date = start;
  if (end) params.end_date = end;
  if (level && query === "top-records") params.level = level;
  return { [query]: { stat: query, params } };
}

/// "Most viewed works, 2024-01-01 – 2024-12-31": `t` renders the message `key` with {{period}}.
export function periodTitle(t, key, { start, end }) {
  const period = start && end ? `${start} – ${end}` : start || end || "";
  return t(key, { period });
}

/// Fills a record URL template ({id}, {parent_id}) when an entry has no url of its own.
export function recordHref(entry, template = "/records/{id}") {
  if (entry.url) return entry.url;
  return template.replace("{id}", encodeURIComponent(entry.id)).replace("{parent_id}", encodeURIComponent(entry.parent || entry.id));
}

/// Table rows of a top-records answer: {key, rank, label, href, value, deleted}.
export function recordRows(answer, metric) {
  const spec = RECORD_METRICS[metric] || RECORD_METRICS.views;
  return (answer?.entries || []).map((e) => ({
    key: e.id, rank: e.rank, label: e.title || e.id, href: recordHref(e), value: Number(e[spec.field] ?? 0), deleted: Boolean(e.deleted),
  }));
}

/// Table rows of a top-uploaders answer: the configured name, else the (opaque or masked) id.
export function uploaderRows(answer, metric, t) {
  const spec = UPLOADER_METRICS[metric] || UPLOADER_METRICS.records;
  return (answer?.entries || []).map((e) => ({
    key: e.id, rank: e.rank, label: e.name || t("leaderboard.uploaderId", { id: e.id }), href: null, value: Number(e[spec.field] ?? 0), deleted: false,
  }));
}

/// Table rows of a top-communities / top-subcommunities answer; communities whose dashboard is enabled link to it.
export function communityRows(answer, metric, dashboardUrl = "/communities/{slug}/stats") {
  const spec = COMMUNITY_METRICS[metric] || COMMUNITY_METRICS.records;
  return (answer?.entries || []).map((e) => ({
    key: e.id, rank: e.rank, label: e.title || e.slug || e.id,
    href: e.dashboard_enabled ? dashboardUrl.replace("{slug}", encodeURIComponent(e.slug || e.id)) : null,
    value: Number(e[spec.field] ?? 0), deleted: false,
  }));
}

/// The answer of `query` in an /api/stats or /api/stats-dashboard response ({"<query>": answer}).
export function answerOf(response, query) {
  const answer = response?.[query];
  return answer && Array.isArray(answer.entries) ? answer : { entries: [] };
}
