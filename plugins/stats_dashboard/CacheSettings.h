#pragma once
/// The dashboard's cache settings beyond the LRU bounds (dashboard.yaml, blueprint params):
///
///   STATS_CACHE_CHECK_INTERVAL_MS  (1000)  how long community access data and index generations read
///                                          from the database are trusted (0 = read on every request):
///                                          the bound on how late a warm answer notices an aggregation
///                                          run of another process or a changed community
///   STATS_CACHE_REDIS_URL          ("")    redis://host:port[/db]: the shared second cache tier (off when empty)
///   STATS_CACHE_REDIS_TTL          (86400) seconds an answer lives in Redis (0 = no expiry)
///   STATS_CACHE_REDIS_PREFIX       ("statshost:")  namespace of our Redis keys
#include <chrono>
#include <cstdint>
#include <string>

#include "statshost/Params.h"

namespace statshost::dashboard {

struct CacheSettings {
    std::chrono::milliseconds checkInterval{1000};
    std::string redisUrl;
    std::int64_t redisTtlSeconds = 86400;
    std::string redisPrefix = "statshost:";
};

/// Reads the keys above from `params` (ConfigError naming the key on a bad value).
CacheSettings parseCacheSettings(const Params& params);

}  // namespace statshost::dashboard
