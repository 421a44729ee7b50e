#include "app/AppSession.h"

#include "app/UsageRuntime.h"

#include "aggregation/AggregationSettings.h"

#include <Poco/File.h>
#include <Poco/Logger.h>

#include "plugins/HostServices.h"
#include "config/ConfigLoader.h"

namespace statshost::app {

AppSession::AppSession(GlobalOptions options) : _options(std::move(options)) {}

// Storage and extensions go before the config they were built from; extensions own plugin code.
AppSession::~AppSession() {
    _aggregationSource.reset();
    _usage.reset();
    _services.reset();
    _chains.reset();
    _storage.reset();
    _extensions.reset();
}

const config::Config& AppSession::config() {
    if (_config) return *_config;
    std::string path = _options.configPath;
    if (path.empty()) {
        auto env = config::processEnvironment();
        path = env.count("STATSHOST_CONFIG") ? env["STATSHOST_CONFIG"] : "conf/statshost.yaml";
    }
    if (!Poco::File(path).exists())
        throw ConfigError(path, "configuration file not found (use --config FILE or STATSHOST_CONFIG)");
    auto cfg = std::make_unique<config::Config>(config::loadConfig(path, config::processEnvironment()));
    if (!_options.dbUrl.empty()) cfg->storage.url = _options.dbUrl;
    if (!_options.logLevel.empty()) cfg->logLevel = _options.logLevel;
    plugins::configureLogging(cfg->logLevel);
    _config = std::move(cfg);
    return *_config;
}

storage::Storage& AppSession::storage() {
    if (_storage) return *_storage;
    const auto& cfg = config();
    storage::StorageOptions opts;
    opts.poolSize = cfg.storage.poolSize;
    opts.busyTimeoutMs = cfg.storage.busyTimeoutMs;
    _storage = storage::Storage::open(cfg.storage.url, opts);
    _storage->initialize();
    Poco::Logger::get("statshost.storage").debug("opened " + _storage->redactedUrl());
    return *_storage;
}

plugins::ExtensionRegistry& AppSession::extensions() {
    if (!_extensions) _extensions = plugins::ExtensionRegistry::load(config());
    return *_extensions;
}

std::size_t AppSession::registerTemplates() {
    std::size_t n = 0;
    for (const auto& agg : extensions().aggregators()) {
        for (const auto& tmpl : agg.object->indexTemplates()) {
            storage().registerTemplate(tmpl);
            ++n;
        }
    }
    return n;
}

}  // namespace statshost::app

namespace statshost::app {

const records::SubcountConfig& AppSession::subcounts() {
    if (!_subcounts) _subcounts = std::make_unique<records::SubcountConfig>(records::parseSubcounts(config().stats.subcounts));
    return *_subcounts;
}

services::RepositoryServices& AppSession::services() {
    if (!_services) {
        auto& store = storage();
        const auto& subs = subcounts();
        _chains = std::make_unique<services::ComponentChains>(extensions());
        _services = std::make_unique<services::RepositoryServices>(store, *_chains, subs,
                                                                   config().dashboard.communityOptIn);
    }
    return *_services;
}

}  // namespace statshost::app

namespace statshost::app {

UsageRuntime& AppSession::usage() {
    if (!_usage) _usage = std::make_unique<UsageRuntime>(config(), storage());
    return *_usage;
}

}  // namespace statshost::app

namespace statshost::app {

aggregation::HostAggregationSource& AppSession::aggregationSource() {
    if (!_aggregationSource) {
        aggregation::ensureSourceTables(storage().database());
        _aggregationSource =
            std::make_unique<aggregation::HostAggregationSource>(storage().database(), config().paths.isoCodes);
    }
    return *_aggregationSource;
}

const AggregationSettings& AppSession::aggregationSettings() {
    if (!_aggregationSettings)
        _aggregationSettings =
            std::make_unique<AggregationSettings>(aggregation::makeAggregationSettings(config().stats, subcounts()));
    return *_aggregationSettings;
}

}  // namespace statshost::app
