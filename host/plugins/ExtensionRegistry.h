#pragma once
/// Everything the configuration asks for, created and configured once at start-up:
/// the aggregators of STATS_AGGREGATIONS (in file order), the service-component chains and the
/// blueprints. After load() returns nothing is added or removed (frozen); lookups need no locks.
/// Members are destroyed in reverse order, so every object goes before the loader that made it.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/Config.h"
#include "plugins/PluginLoader.h"

namespace statshost::plugins {

struct AggregatorEntry {
    config::AggregationConfig config;
    std::unique_ptr<Aggregator> object;
};

struct ComponentEntry {
    config::ExtensionRef ref;
    std::unique_ptr<ServiceComponent> object;
};

struct BlueprintEntry {
    config::ExtensionRef ref;
    std::unique_ptr<Blueprint> object;
};

class ExtensionRegistry {
public:
    /// Loads every plugin of `config.plugins`, creates and configures every configured extension.
    /// ConfigError (naming plugin, file and key path) on the first problem; nothing stays loaded.
    static std::unique_ptr<ExtensionRegistry> load(const config::Config& config);

    const std::vector<AggregatorEntry>& aggregators() const { return _aggregators; }
    /// The aggregator named `name`, or null.
    Aggregator* aggregator(const std::string& name) const;
    /// A component chain by its config key (e.g. "RDM_RECORDS_SERVICE_COMPONENTS"); empty if none.
    const std::vector<ComponentEntry>& chain(const std::string& key) const;
    const std::vector<BlueprintEntry>& blueprints() const { return _blueprints; }
    const PluginLoader& loader() const { return _loader; }

private:
    ExtensionRegistry() = default;

    PluginLoader _loader;  // first member: destroyed last
    std::vector<AggregatorEntry> _aggregators;
    std::map<std::string, std::vector<ComponentEntry>> _chains;
    std::vector<BlueprintEntry> _blueprints;
};

}  // namespace statshost::plugins
