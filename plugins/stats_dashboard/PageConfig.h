#pragma once
/// Configuration of the dashboard pages, parsed from the blueprint's params (dashboard.yaml keys
/// plus the blueprint entry's own `params:`). Defaults in brackets; docs/dashboard.md has them all.
///
///   STATS_DASHBOARD_ROUTES.global / .community   ["/stats", "/communities/<pid_value>/stats"]
///       Flask-style paths; the community route has exactly one `<name>` (id or slug).
///   STATS_DASHBOARD_TEMPLATES.page/.macro/.global/.community/.message   (PageTemplates.h)
///   STATS_DASHBOARD_LAYOUT.global_layout / .community_layout   [none: the UI's built-in layout]
///       The community page uses community_layout, else global_layout.
///   STATS_DASHBOARD_UI_CONFIG.global / .community   (title, description, maxHistoryYears,
///       default_granularity, show_title, show_description; other keys are passed through)
///   STATS_DASHBOARD_DEFAULT_RANGE_OPTIONS, STATS_DASHBOARD_UI_SUBCOUNTS, STATS_DASHBOARD_USE_TEST_DATA,
///   STATS_DASHBOARD_CLIENT_CACHE_COMPRESSION_ENABLED, STATS_DASHBOARD_DISABLED_MESSAGE_GLOBAL/_COMMUNITY
///   Blueprint params: STATS_DASHBOARD_UI_DIST ["../plugins/stats_dashboard/ui/dist", relative to the
///   configuration folder], STATS_DASHBOARD_STATIC_PREFIX ["/static/stats_dashboard"],
///   STATS_DASHBOARD_LOCALE ["en"], STATS_DASHBOARD_DATE_BASIS ["added"], STATS_DASHBOARD_API_URL
///   ["/api" + STATS_DASHBOARD_API_ROUTES.stats_series], THEME_SHORT_TITLE ["statshost"], APP_RDM_DISPLAY_DECIMAL_FILE_SIZES [true].
///   Host-provided: STATSHOST_CONFIG_DIR, STATSHOST_TEMPLATES_DIR (paths.templates).
#include <string>

#include <Poco/JSON/Object.h>

#include "PageTemplates.h"
#include "statshost/Params.h"

namespace statshost::dashboard {

struct PagesConfig {
    std::string globalRoute = "/stats";                          ///< router pattern
    std::string communityRoute = "/communities/{pid_value}/stats";  ///< router pattern
    std::string communityParam = "pid_value";                    ///< its one path parameter
    std::string templatesDir;                                    ///< absolute or relative to the cwd
    std::string templatesKey = "STATS_DASHBOARD_TEMPLATES";      ///< key path for template errors
    TemplateNames templates;
    std::string uiDistDir;
    std::string staticPrefix = "/static/stats_dashboard";
    std::string siteTitle = "statshost";
    std::string locale = "en";
    std::string dateBasis = "added";      ///< the record families "data as of" is read from
    std::string disabledMessageGlobal;     ///< formatted ({title} replaced)
    std::string disabledMessageCommunity;
    /// dashboard_config without the per-request keys (dashboard_enabled, last_updated), per type.
    Poco::JSON::Object::Ptr globalDashboardConfig;
    Poco::JSON::Object::Ptr communityDashboardConfig;
};

/// Parses and validates; throws ConfigError naming the key path.
PagesConfig parsePagesConfig(const Params& params);

/// A Flask-style route ("/communities/<pid_value>/stats", converters like `<string:x>` allowed) as a
/// router pattern ("/communities/{pid_value}/stats"); `params` receives the parameter names.
std::string routePattern(const std::string& flaskRoute, std::vector<std::string>& params);

}  // namespace statshost::dashboard
