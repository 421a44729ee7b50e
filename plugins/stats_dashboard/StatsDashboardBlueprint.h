#pragma once
/// The dashboard blueprint (STATS_DASHBOARD_BLUEPRINTS in conf/dashboard.yaml): registers every
/// /api/stats query of the catalogue and the /api/stats-dashboard routes. Its params are every
/// STATS_DASHBOARD_* key of dashboard.yaml with the entry's own `params:` merged over them:
///
///   STATS_DASHBOARD_ENABLED_GLOBAL      (false)  global statistics visible to everyone
///   STATS_DASHBOARD_ENABLED_COMMUNITY   (false)  community statistics at all
///   STATS_DASHBOARD_COMMUNITY_OPT_IN    (true)   a community needs `stats:dashboard_enabled`
///   STATS_DASHBOARD_API_ROUTES.stats_series ("/stats-dashboard", served under /api)
///   STATS_CACHE_MAX_ENTRIES             (2000)   in-process answer cache entries (0 = off)
///   STATS_CACHE_MAX_BYTES               (268435456) its size bound in bytes
///   STATS_CACHE_CHECK_INTERVAL_MS, STATS_CACHE_REDIS_*: see CacheSettings.h
///   STATS_API_CACHE_CONTROL             ("no-cache") Cache-Control of public answers
///   STATS_EXPORT_PUBLISHER              ("InvenioRDM") publisher in XML exports
///   STATS_DASHBOARD_RECORD_URL_TEMPLATE ("/records/{id}") leaderboard record links (LeaderboardService.h)
///   STATS_DASHBOARD_UPLOADER_NAMES      ({})     owner id → name shown in top-uploaders
/// It also serves GET /api/records/{id}/stats (RecordStatsRoute.h).
#include <memory>

#include "CacheSettings.h"
#include "DashboardApi.h"
#include "DashboardPages.h"
#include "LeaderboardService.h"
#include "QueryService.h"
#include "statshost/Blueprint.h"

namespace statshost::dashboard {

class StatsDashboardBlueprint : public Blueprint {
public:
    void configure(const BlueprintSetup& setup) override;
    void registerWith(BlueprintRegistrar& registrar, BlueprintContext& context) override;

    /// The access rules in force (for the dashboard pages' routes).
    const AccessPolicy& policy() const { return _policy; }

private:
    AccessPolicy _policy;
    ApiSettings _api;
    std::size_t _cacheEntries = 2000;
    std::size_t _cacheBytes = 256u << 20;
    CacheSettings _cacheSettings;
    std::unique_ptr<ResponseCache> _cache;
    std::unique_ptr<QueryService> _service;
    LeaderboardSettings _leaderboardSettings;
    std::unique_ptr<LeaderboardService> _leaderboards;
    PagesConfig _pagesConfig;                  ///< the pages (DashboardPages.h)
    std::shared_ptr<DashboardPages> _pages;
};

}  // namespace statshost::dashboard
