#include "CacheSettings.h"

#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

std::int64_t nonNegative(const Params& params, const std::string& key, std::int64_t dflt) {
    const std::int64_t v = params.getInt(key, dflt);
    if (v < 0) throw ConfigError(params.child(key).path(), "expected a number >= 0");
    return v;
}

}  // namespace

CacheSettings parseCacheSettings(const Params& params) {
    CacheSettings s;
    s.checkInterval = std::chrono::milliseconds(nonNegative(params, "STATS_CACHE_CHECK_INTERVAL_MS", 1000));
    s.redisUrl = params.getString("STATS_CACHE_REDIS_URL", "");
    if (!s.redisUrl.empty() && s.redisUrl.rfind("redis://", 0) != 0)
        throw ConfigError(params.child("STATS_CACHE_REDIS_URL").path(), "expected redis://host:port[/db]");
    s.redisTtlSeconds = nonNegative(params, "STATS_CACHE_REDIS_TTL", 86400);
    s.redisPrefix = params.getString("STATS_CACHE_REDIS_PREFIX", "statshost:");
    return s;
}

}  // namespace statshost::dashboard
