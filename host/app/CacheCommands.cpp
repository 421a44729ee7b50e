// `statshost cache generate|clear|info`: the dashboard's shared answer cache (Redis) from the
// command line. The commands load the blueprints as `serve` does and call the admin-only queries
// `cache-info` / `cache-clear` and the dashboard's category queries in this process; with Redis
// configured (STATS_CACHE_REDIS_URL) what they compute or clear is what every `serve` sharing that
// Redis sees. Without it there is nothing a separate process can reach: each `serve` keeps its
// own in-process cache, which an admin token can inspect or empty over HTTP (docs/cli.md).
#include <iostream>
#include <sstream>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "app/AggregateSupport.h"
#include "app/Command.h"
#include "app/RepositoryDirectories.h"
#include "plugins/BlueprintRegistrations.h"
#include "plugins/HostServices.h"

namespace statshost::app {

namespace {

const char* kNoRedis =
    "STATS_CACHE_REDIS_URL is not set (dashboard.yaml): the answer cache then lives inside each `statshost serve` "
    "process only, which this command cannot reach. Set STATS_CACHE_REDIS_URL to share a Redis cache, or ask the "
    "running server: POST /api/stats {\"i\": {\"stat\": \"cache-info\"}} (or \"cache-clear\") with an admin token.";

/// The blueprints of the configuration, registered against this process's storage.
class LoadedBlueprints {
public:
    explicit LoadedBlueprints(AppSession& s)
        : _communities(s.storage().database()), _records(s.storage().database()) {
        s.registerTemplates();
        s.services();  // the communities table the directory reads
        for (const auto& bp : s.extensions().blueprints()) {
            _loggers.push_back(std::make_unique<plugins::NamedLogger>(bp.ref.plugin));
            BlueprintContext ctx{s.storage(), _clock, *_loggers.back(), _communities, _records, s.aggregationSettings()};
            _regs.setOwner(bp.ref.plugin + "/" + bp.ref.className);
            bp.object->registerWith(_regs, ctx);
        }
        if (!_regs.queries().count("cache-info"))
            throw ConfigError("dashboard.yaml: STATS_DASHBOARD_BLUEPRINTS", "no blueprint with an answer cache is configured");
    }

    /// Runs query `stat` with `paramsJson` as `caller`; returns the JSON answer (HttpError/ConfigError pass through).
    std::string run(const std::string& stat, const std::string& paramsJson, const Caller& caller) const {
        Poco::JSON::Parser parser;
        return _regs.queries().at(stat)(Params::fromJson(parser.parse(paramsJson), stat + ".params"), caller);
    }

    CommunityDirectory& communities() { return _communities; }

private:
    plugins::SystemClock _clock;
    RepositoryCommunityDirectory _communities;
    RepositoryRecordDirectory _records;
    std::vector<std::unique_ptr<plugins::NamedLogger>> _loggers;
    plugins::BlueprintRegistrations _regs;
};

const Caller kAdmin{"statshost-cli", {"admin"}};

Poco::JSON::Object::Ptr parseObject(const std::string& json) {
    Poco::JSON::Parser parser;
    return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

/// The cache-info answer's "redis" object; UsageError (exit 2) when Redis is not configured.
Poco::JSON::Object::Ptr redisInfo(const LoadedBlueprints& loaded) {
    auto info = parseObject(loaded.run("cache-info", "{}", kAdmin));
    if (info->isNull("redis")) throw UsageError(kNoRedis);
    return info->getObject("redis");
}

int runInfo(AppSession& s, const ParsedArgs&) {
    LoadedBlueprints loaded(s);
    auto redis = redisInfo(loaded);
    if (redis->has("error")) {
        std::cerr << "error: " << redis->getValue<std::string>("error") << "\n";
        return 1;
    }
    std::cout << "redis " << redis->getValue<std::string>("url") << " (prefix " << redis->getValue<std::string>("prefix")
              << "): " << redis->getValue<std::uint64_t>("entries") << " answers, " << redis->getValue<std::uint64_t>("bytes")
              << " bytes, " << redis->getValue<std::uint64_t>("hits") << " hits, "
              << redis->getValue<std::uint64_t>("misses") << " misses\n";
    return 0;
}

int runClear(AppSession& s, const ParsedArgs&) {
    LoadedBlueprints loaded(s);
    redisInfo(loaded);
    auto cleared = parseObject(loaded.run("cache-clear", "{}", kAdmin));
    std::cout << "removed " << cleared->getObject("redis")->getValue<std::uint64_t>("removed") << " answers from Redis\n";
    return 0;
}

/// The four category queries the dashboard asks on its first load (plugins/stats_dashboard/ui, data/api.js).
const char* const kFirstLoadQueries[] = {"record-delta-category", "record-snapshot-category", "usage-delta-category",
                                         "usage-snapshot-category"};

int runGenerate(AppSession& s, const ParsedArgs& a) {
    const std::string today = todayUtc();
    const std::string start = a.flag("start-date") ? dayOption(a, "start-date") : today.substr(0, 4) + "-01-01";
    const std::string end = a.flag("end-date") ? dayOption(a, "end-date") : today;
    if (start > end) throw UsageError("--start-date " + start + " is after --end-date " + end);
    LoadedBlueprints loaded(s);
    auto redis = redisInfo(loaded);
    if (redis->has("error")) {
        std::cerr << "error: " << redis->getValue<std::string>("error") << "\n";
        return 1;
    }
    std::vector<std::string> targets = a.all("community-id");
    if (targets.empty()) {
        targets.push_back("global");
        for (const auto& c : loaded.communities().all()) targets.push_back(c.id);
    }
    // As a reader of restricted communities (not admin): communities whose dashboard is not
    // enabled answer 404 and are skipped, as the dashboard would never ask for them.
    const Caller reader{"statshost-cli", {"read-restricted"}};
    std::size_t cached = 0, skipped = 0, empty = 0;
    for (const auto& community : targets) {
        Poco::JSON::Object params;
        params.set("community_id", community);
        params.set("start_date", start);
        params.set("end_date", end);
        params.set("date_basis", "added");
        std::ostringstream text;
        params.stringify(text);
        for (const char* stat : kFirstLoadQueries) {
            try {
                loaded.run(stat, text.str(), reader);
                ++cached;
            } catch (const HttpError& e) {
                if (e.status() == 404 || e.status() == 403) {
                    ++skipped;
                    if (!a.all("community-id").empty())
                        throw UsageError("--community-id " + community + ": " + e.what());
                    break;
                }
                ++empty;  // 400: no documents in the range
            }
        }
    }
    std::cout << "cached " << cached << " answers (" << start << " .. " << end << ") in "
              << redis->getValue<std::string>("url") << "; " << skipped << " communities skipped (dashboard not enabled), "
              << empty << " queries without documents\n";
    return 0;
}

}  // namespace

void addCacheCommands(std::vector<Command>& out) {
    out.push_back({"cache generate", "precompute the dashboard's first-load answers into the shared (Redis) cache",
                   "statshost cache generate [--community-id ID|slug ...] [--start-date D] [--end-date D]",
                   "Runs the four category queries the dashboard asks on its first load (record/usage delta/snapshot, "
                   "date basis added) for the global dashboard and every community whose dashboard is enabled (or the "
                   "--community-id ones) over --start-date .. --end-date (default: January 1 of this year .. today, the "
                   "dashboard's default range) and stores the answers in Redis (STATS_CACHE_REDIS_URL), where every "
                   "`serve` sharing it finds them. Exit 2 when Redis is not configured.",
                   {{"community-id", "ID", "a community (id or slug) or global; repeatable; default: all enabled", true},
                    {"start-date", "YYYY-MM-DD", "first day of the range", false},
                    {"end-date", "YYYY-MM-DD", "last day of the range", false}},
                   0, runGenerate});
    out.push_back({"cache clear", "delete the dashboard's answers from the shared (Redis) cache", "statshost cache clear",
                   "Deletes every key under STATS_CACHE_REDIS_PREFIX in the Redis of STATS_CACHE_REDIS_URL (answers and "
                   "hit counts). Exit 2 when Redis is not configured (a `serve` process's own cache: POST /api/stats "
                   "{\"c\": {\"stat\": \"cache-clear\"}} with an admin token).",
                   {}, 0, runClear});
    out.push_back({"cache info", "show the shared (Redis) answer cache: entries, bytes, hits, misses", "statshost cache info",
                   "Prints the number of answers under STATS_CACHE_REDIS_PREFIX, their size and the hit and miss counts "
                   "of every process since the last clear. Exit 2 when Redis is not configured (a `serve` process's own "
                   "cache: POST /api/stats {\"i\": {\"stat\": \"cache-info\"}} with an admin token).",
                   {}, 0, runInfo});
}

}  // namespace statshost::app
