#pragma once
/// The usage pipeline as the app runs it: classifiers loaded from the configured data files, the
/// visitor hasher with the persistent secret, the store in the configured double-click mode, and
/// the handlers the importer and the HTTP API use. Created once per process; thread safe.
#include <memory>
#include <vector>

#include "config/Config.h"
#include "services/RepositoryServices.h"
#include "services/ReplayImporter.h"
#include "storage/Storage.h"
#include "usage/pipeline/UsagePipeline.h"
#include "usage/store/IngestWriter.h"

namespace statshost::app {

class UsageRuntime {
public:
    /// Loads the classifier files (ConfigError naming a missing file), creates the usage tables,
    /// and reads (or creates, once) the visitor-hash secret stored in the database;
    /// STATSHOST_VISITOR_SECRET overrides it.
    UsageRuntime(const config::Config& config, storage::Storage& storage);

    const usage::UsagePipeline& pipeline() const { return *_pipeline; }
    /// The GeoIP data is loaded on the first ip lookup (processed-event imports never need it);
    /// servers call this at start-up so no request pays for the load. ConfigError when it fails.
    void preloadGeoip() const { _classifiers.countries.kind(); }
    bool enabled(usage::EventType type) const;
    /// The `view` / `download` handler for replay streams.
    services::UsageOpHandler replayHandler() const;

    /// Stores a prepared batch of raw hits (UsagePipeline::commitRaw) in its own transaction. SQLite: on
    /// the process's IngestWriter (one dedicated connection taken in turns, see IngestWriter.h);
    /// PostgreSQL: in services.transaction. Returns once committed; throws (nothing stored) otherwise.
    usage::BatchResult commitRaw(services::RepositoryServices& services, const Clock& clock,
                                 const std::vector<usage::Parsed<usage::RawHit>>& hits, usage::PreparedBatch prepared,
                                 bool atomic) const;

private:
    usage::Classifiers _classifiers;
    std::unique_ptr<usage::VisitorHasher> _hasher;
    usage::UsageStore _store;
    std::unique_ptr<usage::UsagePipeline> _pipeline;
    bool _views, _downloads;
    std::unique_ptr<usage::IngestWriter> _writer;  ///< SQLite only
};

/// "stored", "double-click", "robot", "api-view" for a one-hit batch result.
std::string outcomeName(const usage::BatchResult& r);

}  // namespace statshost::app
