/// Boot contract: the page holds <div id="stats-dashboard" data-dashboard-config='{json}'
/// data-community='{json}|null'>. This reads both attributes; "None"/"null"/"" mean no community.

export const ROOT_ID = "stats-dashboard";

function parseJson(text, what) {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `${what} is not valid JSON (${e.message})` };
  }
}

/// -> {config, community, errors: [text]}. A broken config falls back to {} so the page still renders an error.
export function readBootData(element) {
  const errors = [];
  const rawConfig = element?.dataset?.dashboardConfig;
  let config = {};
  if (rawConfig) {
    const parsed = parseJson(rawConfig, "data-dashboard-config");
    if (parsed.error) errors.push(parsed.error);
    else if (parsed.value && typeof parsed.value === "object") config = parsed.value;
  } else {
    errors.push("data-dashboard-config is missing");
  }
  const rawCommunity = element?.dataset?.community;
  let community = null;
  if (rawCommunity && !["None", "null", ""].includes(rawCommunity.trim())) {
    const parsed = parseJson(rawCommunity, "data-community");
    if (parsed.error) errors.push(parsed.error);
    else community = parsed.value && typeof parsed.value === "object" ? parsed.value : null;
  }
  return { config, community, errors };
}

/// Effective settings with the defaults of API_UI.md 5.3 (maxHistoryYears read under both spellings).
export function dashboardSettings(config, community) {
  const maxHistoryYears = Number(config.maxHistoryYears ?? config.max_history_years ?? 10);
  return {
    type: config.dashboard_type || (community ? "community" : "global"),
    enabled: config.dashboard_enabled !== false,
    disabledMessage: config.disabled_message || "",
    title: config.title || "",
    description: config.description || "",
    showTitle: Boolean(config.show_title),
    showDescription: Boolean(config.show_description),
    maxHistoryYears: Number.isFinite(maxHistoryYears) && maxHistoryYears > 0 ? maxHistoryYears : 10,
    defaultGranularity: ["day", "week", "month", "quarter", "year"].includes(config.default_granularity) ? config.default_granularity : "week",
    defaultRangeOptions: config.default_range_options || null,
    binarySizes: Boolean(config.display_binary_sizes),
    communityId: community?.id || config.community_id || "global",
    dateBasis: config.date_basis || "added",
    apiUrl: config.api_url || "/api/stats",
    recordsApi: config.records_api || community?.links?.records || null,
    helpUrl: config.help_url || "/help/statistics",
    searchUrl: community?.links?.self_html ? `${community.links.self_html}/records` : (config.search_url || "/search"),
    useTestData: config.use_test_data === true || config.use_test_data === "true" || config.use_test_data === "True",
    aggInProgress: Boolean(config.agg_in_progress),
    cachingInProgress: Boolean(config.caching_in_progress),
    firstRunIncomplete: Boolean(config.first_run_incomplete),
    lastUpdated: config.last_updated || null,
    layout: config.layout || null,
  };
}
