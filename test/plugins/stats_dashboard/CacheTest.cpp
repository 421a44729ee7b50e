// The answer cache's fast path and tiers (SQLite and PostgreSQL): generations and community data
// remembered for the check interval, the shared Redis tier between two services (a real
// redis-server, RedisServer.h), a Redis that is down, and the admin cache queries.
#include <cppunit/extensions/HelperMacros.h>

#include "CacheControl.h"
#include "DashboardFixtures.h"
#include "DashboardWorld.h"
#include "DocumentSource.h"
#include "RedisServer.h"

using namespace statshost;
using namespace statshost::dashboard;
using namespace statshost::test;

namespace {

const Caller kAnonymous{};
const Caller kAdmin{"ops", {"admin"}};
const std::chrono::milliseconds kHour(3600 * 1000);

/// The fixture directory, counting lookups.
class CountingDirectory : public FixtureDirectory {
public:
    std::optional<CommunityAccess> find(const std::string& idOrSlug) override {
        ++lookups;
        return FixtureDirectory::find(idOrSlug);
    }
    int lookups = 0;
};

class QuietLogger : public Logger {
public:
    void log(LogLevel level, const std::string& message) override {
        if (level == LogLevel::Warning) warnings.push_back(message);
    }
    std::vector<std::string> warnings;
};

/// A second service over the world's store (another process, as far as caching goes).
std::unique_ptr<QueryService> serviceOf(DashboardWorld& w, ResponseCache& cache, CommunityDirectory& directory,
                                        std::chrono::milliseconds interval) {
    return std::make_unique<QueryService>(w.store, directory, w.settings, AccessPolicy{}, cache, interval);
}

std::string seriesOf(QueryService& s, const std::string& community = "one") {
    return s.run("usage-delta-series", DashboardWorld::params(R"({"community_id":")" + community + R"("})"), kAnonymous);
}

/// Rewrites c1's 2025-01-06 usage document with 7 views and moves the watermark, as a re-aggregation does.
void reaggregate(DashboardWorld& w) {
    std::string changed = usageDeltaDocs("c1")[0];
    changed.replace(changed.find("\"total_events\":3"), 16, "\"total_events\":7");
    w.store.upsert(familyIndex(Family::UsageDelta, "added").alias, {{"c1-2025-01-06", "c1", "2025-01-06", changed}});
    w.bumpWatermark(Family::UsageDelta);
}

CacheSettings redisSettings(const std::string& url) {
    CacheSettings s;
    s.redisUrl = url;
    s.redisTtlSeconds = 600;
    s.redisPrefix = "statshost-test:";
    return s;
}

}  // namespace

class CacheTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CacheTest);
    CPPUNIT_TEST(generationIsRememberedForTheInterval);
    CPPUNIT_TEST(communitiesAreRememberedForTheInterval);
    CPPUNIT_TEST(zeroIntervalReadsEveryTime);
    CPPUNIT_TEST(settingsAreChecked);
    CPPUNIT_TEST(redisTierIsSharedAndPrecise);
    CPPUNIT_TEST(redisDownServesUncached);
    CPPUNIT_TEST(cacheQueriesNeedAdmin);
    CPPUNIT_TEST_SUITE_END();

public:
    void generationIsRememberedForTheInterval() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            GenerationCache generations(w.store, kHour);
            const FamilyIndex index = familyIndex(Family::UsageDelta, "added");
            const std::string first = generations.get(index, "c1");
            w.bumpWatermark(Family::UsageDelta);
            CPPUNIT_ASSERT_EQUAL(first, generations.get(index, "c1"));  // within the interval: not re-read
            CPPUNIT_ASSERT(first != readGeneration(w.store, index, "c1"));
            generations.forget();
            CPPUNIT_ASSERT_EQUAL(readGeneration(w.store, index, "c1"), generations.get(index, "c1"));

            // Through the service: a warm answer stands until the interval ends (here: forgetAll).
            ResponseCache cache(100, 1 << 20);
            CountingDirectory directory;
            auto service = serviceOf(w, cache, directory, kHour);
            const std::string before = seriesOf(*service);
            reaggregate(w);
            CPPUNIT_ASSERT_EQUAL(before, seriesOf(*service));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, cache.stats().hits);
            service->forgetAll();
            const std::string after = seriesOf(*service);
            CPPUNIT_ASSERT(after != before);
            CPPUNIT_ASSERT(after.find("[\"2025-01-06\",7]") != std::string::npos);
        });
    }

    void communitiesAreRememberedForTheInterval() {
        CountingDirectory directory;
        CommunityCache cache(directory, kHour);
        CPPUNIT_ASSERT_EQUAL(std::string("c1"), cache.find("one")->id);
        CPPUNIT_ASSERT_EQUAL(std::string("c1"), cache.find("one")->id);
        CPPUNIT_ASSERT(!cache.find("nope"));
        CPPUNIT_ASSERT(!cache.find("nope"));  // unknown names are remembered too
        CPPUNIT_ASSERT_EQUAL(2, directory.lookups);
        cache.forget();
        cache.find("one");
        CPPUNIT_ASSERT_EQUAL(3, directory.lookups);
        CPPUNIT_ASSERT_EQUAL(std::size_t{3}, cache.all().size());
    }

    void zeroIntervalReadsEveryTime() {
        CountingDirectory directory;
        CommunityCache cache(directory, std::chrono::milliseconds(0));
        cache.find("one");
        cache.find("one");
        CPPUNIT_ASSERT_EQUAL(2, directory.lookups);
    }

    void settingsAreChecked() {
        const CacheSettings defaults = parseCacheSettings(DashboardWorld::params("{}"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t{1000}, static_cast<std::int64_t>(defaults.checkInterval.count()));
        CPPUNIT_ASSERT(defaults.redisUrl.empty());
        CPPUNIT_ASSERT_EQUAL(std::int64_t{86400}, defaults.redisTtlSeconds);
        CPPUNIT_ASSERT_THROW(parseCacheSettings(DashboardWorld::params(R"({"STATS_CACHE_CHECK_INTERVAL_MS": -1})")),
                             ConfigError);
        CPPUNIT_ASSERT_THROW(parseCacheSettings(DashboardWorld::params(R"({"STATS_CACHE_REDIS_URL": "http://x"})")),
                             ConfigError);
        QuietLogger logger;
        CPPUNIT_ASSERT_THROW(RedisTier(redisSettings("redis://127.0.0.1:6379/zero"), logger), ConfigError);
    }

    void redisTierIsSharedAndPrecise() {
        RedisServer redis;
        if (!redis.available()) return;
        onBothBackends([&](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            QuietLogger logger;
            auto tier = std::make_shared<RedisTier>(redisSettings(redis.url(3)), logger);
            tier->clear();
            ResponseCache cacheA(100, 1 << 20), cacheB(100, 1 << 20);
            CountingDirectory directory;
            auto a = serviceOf(w, cacheA, directory, std::chrono::milliseconds(0));
            auto b = serviceOf(w, cacheB, directory, std::chrono::milliseconds(0));
            a->useSharedTier(tier);
            b->useSharedTier(tier);

            const std::string first = seriesOf(*a);  // computed by A, stored in Redis
            RedisTier::Info info = tier->info();
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, info.entries);
            CPPUNIT_ASSERT(info.bytes >= first.size());
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, info.hits);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, info.misses);

            CPPUNIT_ASSERT_EQUAL(first, seriesOf(*b, "c1"));  // B: not in its LRU, found in Redis
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, tier->info().hits);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, cacheB.stats().entries);

            // A re-aggregation changes the key: B computes the new answer, Redis holds both generations.
            reaggregate(w);
            const std::string fresh = seriesOf(*b);
            CPPUNIT_ASSERT(fresh.find("[\"2025-01-06\",7]") != std::string::npos);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, tier->info().entries);
            CPPUNIT_ASSERT_EQUAL(fresh, seriesOf(*a));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, tier->info().hits);

            // cache-clear empties both tiers.
            const std::string cleared = clearCaches(*a);
            CPPUNIT_ASSERT_EQUAL(std::string(R"({"process":{"removed":2},"redis":{"removed":2}})"), cleared);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, tier->info().entries);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, tier->info().hits);
            CPPUNIT_ASSERT(logger.warnings.empty());
        });
    }

    void redisDownServesUncached() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            QuietLogger logger;
            auto tier = std::make_shared<RedisTier>(redisSettings("redis://127.0.0.1:" + std::to_string(unusedPort())), logger);
            ResponseCache cache(0, 0);  // no in-process cache: every answer goes to the tier
            CountingDirectory directory;
            auto service = serviceOf(w, cache, directory, std::chrono::milliseconds(0));
            service->useSharedTier(tier);
            const std::string expected = seriesOf(*w.service);
            CPPUNIT_ASSERT_EQUAL(expected, seriesOf(*service));
            CPPUNIT_ASSERT_EQUAL(expected, seriesOf(*service));
            CPPUNIT_ASSERT_EQUAL(std::size_t{1}, logger.warnings.size());  // logged once
            CPPUNIT_ASSERT(logger.warnings[0].find("not usable") != std::string::npos);
            CPPUNIT_ASSERT_THROW(tier->info(), Error);
            const std::string info = cacheInfoJson(*service);
            CPPUNIT_ASSERT(info.find("\"error\":") != std::string::npos);
        });
    }

    void cacheQueriesNeedAdmin() {
        onBothBackends([](DashboardWorld& w) {
            class Registrar : public BlueprintRegistrar {
            public:
                void addRoute(Route) override {}
                void addTemplate(const std::string&, const std::string&) override {}
                void addStaticDirectory(const std::string&, const std::string&) override {}
                void addQuery(const std::string& name, QueryHandler handler) override { queries[name] = handler; }
                std::map<std::string, QueryHandler> queries;
            } registrar;
            QuietLogger logger;
            setUpCaching(registrar, *w.service, CacheSettings{}, logger);
            CPPUNIT_ASSERT_EQUAL(std::size_t{2}, registrar.queries.size());
            const Params none = DashboardWorld::params("{}");
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { registrar.queries["cache-info"](none, kAnonymous); }).first);
            CPPUNIT_ASSERT_EQUAL(403, errorOf([&] { registrar.queries["cache-clear"](none, Caller{"r", {"read-restricted"}}); }).first);
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            seriesOf(*w.service);
            seriesOf(*w.service);
            CPPUNIT_ASSERT_EQUAL(std::string(R"({"process":{"entries":1,"bytes":)") +
                                     std::to_string(w.cache.stats().bytes) + R"(,"hits":1,"misses":1},"redis":null})",
                                 registrar.queries["cache-info"](none, kAdmin));
            CPPUNIT_ASSERT_EQUAL(std::string(R"({"process":{"removed":1},"redis":null})"),
                                 registrar.queries["cache-clear"](none, kAdmin));
            CPPUNIT_ASSERT_EQUAL(std::size_t{0}, w.cache.stats().entries);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CacheTest);
