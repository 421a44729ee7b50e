#include "StatsDashboardBlueprint.h"

#include "CacheControl.h"

#include "RecordStatsRoute.h"
#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

std::size_t nonNegative(const Params& params, const std::string& key, std::int64_t dflt) {
    const std::int64_t v = params.getInt(key, dflt);
    if (v < 0) throw ConfigError(params.child(key).path(), "expected a number >= 0");
    return static_cast<std::size_t>(v);
}

}  // namespace

void StatsDashboardBlueprint::configure(const BlueprintSetup& setup) {
    const Params& p = setup.params;
    _policy.enabledGlobal = p.getBool("STATS_DASHBOARD_ENABLED_GLOBAL", false);
    _policy.enabledCommunity = p.getBool("STATS_DASHBOARD_ENABLED_COMMUNITY", false);
    _policy.communityOptIn = p.getBool("STATS_DASHBOARD_COMMUNITY_OPT_IN", true);
    const std::string route = p.child("STATS_DASHBOARD_API_ROUTES").getString("stats_series", "/stats-dashboard");
    if (route.empty() || route[0] != '/')
        throw ConfigError(p.child("STATS_DASHBOARD_API_ROUTES").child("stats_series").path(), "expected a path starting with '/'");
    _api.route = "/api" + route;
    _api.cacheControl = p.getString("STATS_API_CACHE_CONTROL", "no-cache");
    _api.publisher = p.getString("STATS_EXPORT_PUBLISHER", "InvenioRDM");
    _cacheEntries = nonNegative(p, "STATS_CACHE_MAX_ENTRIES", 2000);
    _cacheBytes = nonNegative(p, "STATS_CACHE_MAX_BYTES", std::int64_t{256} << 20);
    _cacheSettings = parseCacheSettings(p);
    _pagesConfig = parsePagesConfig(p);
    _leaderboardSettings = parseLeaderboardSettings(p);
}

void StatsDashboardBlueprint::registerWith(BlueprintRegistrar& registrar, BlueprintContext& context) {
    _cache = std::make_unique<ResponseCache>(_cacheEntries, _cacheBytes);
    _service = std::make_unique<QueryService>(context.store, context.communities, context.settings, _policy, *_cache,
                                              _cacheSettings.checkInterval);
    setUpCaching(registrar, *_service, _cacheSettings, context.logger);
    QueryService* service = _service.get();
    for (const auto& spec : queryCatalog()) {
        const std::string name = spec.name;
        registrar.addQuery(name, [service, name](const Params& params, const Caller& caller) {
            return service->run(name, params, caller);
        });
    }
    _leaderboards = std::make_unique<LeaderboardService>(context.store, context.communities, context.records, _policy,
                                                         *_cache, _leaderboardSettings);
    _leaderboards->registerWith(*_service);
    for (const auto& spec : leaderboardCatalog()) {
        const std::string name = spec.name;
        registrar.addQuery(name, [service, name](const Params& params, const Caller& caller) {
            return service->run(name, params, caller);
        });
    }
    registrar.addRoute(recordStatsRoute(context.store, context.records));
    for (auto& route : dashboardApiRoutes(*_service, _api, context.clock)) registrar.addRoute(std::move(route));
    _pages = registerDashboardPages(registrar, _pagesConfig, context, _policy);
}

}  // namespace statshost::dashboard
