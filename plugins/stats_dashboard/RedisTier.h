#pragma once
/// The shared second tier of the answer cache: Redis (Poco::Redis), configured by
/// STATS_CACHE_REDIS_URL (CacheSettings.h). Processes that use one Redis (several `serve`
/// workers, `statshost cache generate`) share the answers they computed.
///
/// Keys: `<prefix>answer:<cache key>` where the cache key (QueryService::cacheKey, separators shown
/// as '|') carries the generation of every index read, so invalidation stays as precise as in the
/// in-process tier: a re-aggregation changes the key and old entries expire by their TTL
/// (STATS_CACHE_REDIS_TTL). Hit and miss counts are kept in Redis too (`<prefix>stats`).
///
/// Failure: a Redis that cannot be reached or answers with an error makes get() miss and put()
/// do nothing, never an error for the caller; the first failure is logged as a warning, then the
/// tier stays quiet and retries a connection at most every 5 seconds; the recovery is logged.
/// Thread safe (a small pool of connections, one per concurrent caller).
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "CacheSettings.h"
#include "statshost/Context.h"

namespace Poco::Redis {
class Client;
}

namespace statshost::dashboard {

class RedisTier {
public:
    /// Does not connect yet (the first get/put does). `settings.redisUrl` must not be empty.
    RedisTier(const CacheSettings& settings, Logger& logger);
    ~RedisTier();

    /// The answer stored under `key`, or null (miss, or Redis unavailable).
    std::shared_ptr<const std::string> get(const std::string& key);
    /// Stores `value` under `key` with the configured TTL (nothing when Redis is unavailable).
    void put(const std::string& key, const std::string& value);

    struct Info {
        std::uint64_t entries = 0;  ///< answers stored under our prefix
        std::uint64_t bytes = 0;    ///< their total value size
        std::uint64_t hits = 0;     ///< get()s that found an answer (every process, since the last clear)
        std::uint64_t misses = 0;
    };
    /// Counts our entries (SCAN); throws Error naming the URL when Redis cannot be reached.
    Info info();
    /// Deletes every key under our prefix (answers and counters); returns how many answers were
    /// deleted. Throws Error naming the URL when Redis cannot be reached.
    std::uint64_t clear();

    const std::string& url() const { return _url; }
    const std::string& prefix() const { return _prefix; }

    /// The Redis key of a cache key.
    std::string redisKey(const std::string& cacheKey) const;

private:
    using ClientPtr = std::unique_ptr<Poco::Redis::Client>;
    ClientPtr acquire();                 ///< a pooled or new connection (throws Poco::Exception)
    void release(ClientPtr client);      ///< back to the pool
    void failed(const std::string& what);  ///< logs the first failure, starts the back-off
    bool backingOff();
    std::vector<std::string> ourKeys(Poco::Redis::Client& client, const std::string& pattern);

    const std::string _url;
    std::string _host;
    int _port = 6379;
    int _database = 0;
    std::string _password;
    const std::int64_t _ttlSeconds;
    const std::string _prefix;
    Logger& _logger;

    std::mutex _mutex;
    std::vector<ClientPtr> _idle;
    bool _down = false;
    std::chrono::steady_clock::time_point _retryAt;
};

}  // namespace statshost::dashboard
