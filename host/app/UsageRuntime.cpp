#include "app/UsageRuntime.h"

#include <cstdlib>

#include <Poco/Logger.h>
#include <Poco/RandomStream.h>

#include "services/ServiceError.h"

namespace statshost::app {

namespace {

/// The visitor-hash secret: one random value per database, created on first use, so every
/// process sharing the database hashes alike and late events of a day hash like on-time ones.
std::string visitorSecret(storage::Database& db) {
    if (const char* env = std::getenv("STATSHOST_VISITOR_SECRET"); env && *env) return env;
    db.exec("CREATE TABLE IF NOT EXISTS statshost_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
    std::string candidate;
    Poco::RandomInputStream random;
    for (int i = 0; i < 32; ++i) {
        char c;
        random.get(c);
        static const char* hex = "0123456789abcdef";
        candidate += hex[(static_cast<unsigned char>(c) >> 4) & 15];
        candidate += hex[static_cast<unsigned char>(c) & 15];
    }
    // The first process to insert wins; everyone reads the stored value.
    db.exec("INSERT INTO statshost_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            {std::string("visitor_hash"), candidate});
    std::string secret;
    db.query("SELECT value FROM statshost_secrets WHERE name = $1", {std::string("visitor_hash")},
             [&](const storage::Row& r) { secret = r.getString(0); });
    return secret;
}

usage::ClassifierConfig classifierConfig(const config::Config& cfg) {
    auto c = usage::ClassifierConfig::forDataDir(cfg.paths.data);
    c.geoipV4 = cfg.paths.geoipV4;
    c.geoipV6 = cfg.paths.geoipV6;
    c.mmdb = cfg.paths.geoipMmdb;
    c.isoCodes = cfg.paths.isoCodes;
    c.deferGeoip = true;
    return c;
}

}  // namespace

UsageRuntime::UsageRuntime(const config::Config& config, storage::Storage& storage)
    : _classifiers(usage::loadClassifiers(classifierConfig(config))),
      _store(usage::parseMode(config.stats.doubleClickMode, "stats.yaml: COMMUNITY_STATS_DOUBLE_CLICK_MODE")),
      _views(config.stats.viewEventsEnabled),
      _downloads(config.stats.downloadEventsEnabled) {
    usage::UsageStore::createSchema(storage.database());
    _hasher = std::make_unique<usage::VisitorHasher>(visitorSecret(storage.database()));
    _pipeline = std::make_unique<usage::UsagePipeline>(_classifiers, *_hasher, _store);
    if (storage.database().dialect() == storage::Dialect::SQLite)
        _writer = std::make_unique<usage::IngestWriter>(storage.database());
}

bool UsageRuntime::enabled(usage::EventType type) const {
    return type == usage::EventType::View ? _views : _downloads;
}

std::string outcomeName(const usage::BatchResult& r) {
    if (r.robots) return "robot";
    if (r.apiViews) return "api-view";
    if (r.counters.suppressed || r.counters.replaced) return "double-click";  // absorbed, or absorbed an earlier click
    return "stored";
}

usage::BatchResult UsageRuntime::commitRaw(services::RepositoryServices& services, const Clock& clock,
                                           const std::vector<usage::Parsed<usage::RawHit>>& hits,
                                           usage::PreparedBatch prepared, bool atomic) const {
    usage::BatchResult result;  // each body runs once: no retries
    if (_writer) {
        _writer->transaction([&](storage::Connection& c) {
            repository::RepositoryTx repo(c, clock);
            result = _pipeline->commitRaw(c, repo, hits, std::move(prepared), atomic);
        });
    } else {
        services.transaction(clock, [&](services::ServiceTx& tx) {
            result = _pipeline->commitRaw(tx, hits, std::move(prepared), atomic);
        });
    }
    return result;
}

services::UsageOpHandler UsageRuntime::replayHandler() const {
    return [this](services::ServiceTx& tx, const std::string& op, const Poco::JSON::Object::Ptr& line,
                  std::int64_t at) {
        auto type = op == "view" ? usage::EventType::View : usage::EventType::Download;
        if (!enabled(type)) throw services::ServiceError(400, "op '" + op + "': this event type is disabled in STATS_EVENTS");
        std::vector<usage::Parsed<usage::RawHit>> hits(1);
        hits[0].value = usage::parseRawHit(type, line, at);
        return outcomeName(_pipeline->ingestRaw(tx, hits, true));
    };
}

}  // namespace statshost::app
