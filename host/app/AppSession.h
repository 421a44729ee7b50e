#pragma once
/// What one CLI invocation works with: the global options, and — loaded on first use, once —
/// the configuration, the storage and the plugin extensions.
#include <memory>
#include <string>

#include "aggregation/HostAggregationSource.h"
#include "config/Config.h"
#include "plugins/ExtensionRegistry.h"
#include "records/SubcountConfig.h"
#include "services/RepositoryServices.h"
#include "storage/Storage.h"

namespace statshost::app {

class UsageRuntime;

struct GlobalOptions {
    std::string configPath;  ///< --config, else $STATSHOST_CONFIG, else ./conf/statshost.yaml
    std::string dbUrl;       ///< --db (overrides storage.url and STATSHOST_DB)
    std::string logLevel;    ///< --log-level (overrides logging.level and STATSHOST_LOG_LEVEL)
};

class AppSession {
public:
    explicit AppSession(GlobalOptions options);
    ~AppSession();

    const GlobalOptions& options() const { return _options; }
    /// Loads and validates the configuration (ConfigError on problems) and sets up logging.
    const config::Config& config();
    /// Opens the configured storage and makes sure its internal tables exist.
    storage::Storage& storage();
    /// Loads plugins and creates every configured extension.
    plugins::ExtensionRegistry& extensions();
    /// Registers the index templates of every configured aggregator; returns how many.
    std::size_t registerTemplates();
    /// COMMUNITY_STATS_SUBCOUNTS, parsed.
    const records::SubcountConfig& subcounts();
    /// The repository services with the configured component chains (creates their tables).
    services::RepositoryServices& services();
    /// The usage pipeline (loads the classifier data files, creates the usage tables).
    UsageRuntime& usage();
    /// What aggregators read (creates the repository and usage tables when missing).
    aggregation::HostAggregationSource& aggregationSource();
    /// COMMUNITY_STATS_* settings for aggregators.
    const AggregationSettings& aggregationSettings();

private:
    GlobalOptions _options;
    std::unique_ptr<config::Config> _config;
    std::unique_ptr<plugins::ExtensionRegistry> _extensions;
    std::unique_ptr<storage::Storage> _storage;
    std::unique_ptr<records::SubcountConfig> _subcounts;
    std::unique_ptr<services::ComponentChains> _chains;
    std::unique_ptr<services::RepositoryServices> _services;
    std::unique_ptr<UsageRuntime> _usage;
    std::unique_ptr<aggregation::HostAggregationSource> _aggregationSource;
    std::unique_ptr<AggregationSettings> _aggregationSettings;
};

}  // namespace statshost::app
