#include "plugins/ExtensionRegistry.h"

namespace statshost::plugins {

namespace {

/// Runs a plugin's configure() and turns whatever it throws into a ConfigError that names the
/// plugin, its file and where in the YAML the extension is configured.
template <class Fn>
void configureGuarded(const PluginLoader& loader, const config::ExtensionRef& ref, Fn&& fn) {
    std::string where = "plugin '" + ref.plugin + "' (" + loader.pathOf(ref.plugin) + "), class " + ref.className;
    try {
        fn();
    } catch (const ConfigError& e) {
        throw ConfigError(e.keyPath().empty() ? ref.keyPath + ".params" : e.keyPath(), e.problem() + " [" + where + "]");
    } catch (const std::exception& e) {
        throw ConfigError(ref.keyPath, std::string("configuration rejected: ") + e.what() + " [" + where + "]");
    } catch (...) {
        throw ConfigError(ref.keyPath, "configuration rejected by an unknown exception [" + where + "]");
    }
}

/// `base` with the keys of `over` added or replaced (both mappings; `over` may be empty).
Params mergeParams(const Params& base, const Params& over) {
    if (over.isEmpty()) return base;
    if (!over.isMap()) throw ConfigError(over.path(), "expected a mapping");
    Poco::Dynamic::Struct<std::string> merged;
    if (base.isMap()) merged = base.raw().extract<Poco::Dynamic::Struct<std::string>>();
    for (const auto& key : over.keys()) merged[key] = over.child(key).raw();
    return Params(Poco::Dynamic::Var(merged), over.path());
}

}  // namespace

std::unique_ptr<ExtensionRegistry> ExtensionRegistry::load(const config::Config& config) {
    std::unique_ptr<ExtensionRegistry> reg(new ExtensionRegistry());
    for (const auto& plugin : config.plugins) reg->_loader.load(plugin);

    for (const auto& agg : config.stats.aggregations) {
        AggregatorEntry entry{agg, reg->_loader.createAggregator(agg.extension)};
        AggregatorSetup setup{agg.name, agg.templates, agg.extension.params};
        configureGuarded(reg->_loader, agg.extension, [&] { entry.object->configure(setup); });
        reg->_aggregators.push_back(std::move(entry));
    }
    for (const auto& [key, refs] : config.stats.componentChains) {
        auto& chain = reg->_chains[key];
        for (const auto& ref : refs) {
            ComponentEntry entry{ref, reg->_loader.createComponent(ref)};
            ComponentSetup setup{ref.className, ref.params};
            configureGuarded(reg->_loader, ref, [&] { entry.object->configure(setup); });
            chain.push_back(std::move(entry));
        }
    }
    for (const auto& ref : config.dashboard.blueprints) {
        BlueprintEntry entry{ref, reg->_loader.createBlueprint(ref)};
        // A blueprint sees its own params merged over every STATS_DASHBOARD_* key (its params win).
        // Host facts for resolving a blueprint's own files (not YAML keys; a blueprint's params may override):
        // STATSHOST_CONFIG_DIR = the configuration file's folder, STATSHOST_TEMPLATES_DIR = paths.templates.
        Poco::Dynamic::Struct<std::string> hostPaths;
        hostPaths.insert("STATSHOST_CONFIG_DIR", config.baseDir);
        hostPaths.insert("STATSHOST_TEMPLATES_DIR", config.paths.templates);
        const Params base = mergeParams(Params(Poco::Dynamic::Var(hostPaths), ""), config.dashboard.all);
        BlueprintSetup setup{ref.className, mergeParams(base, ref.params)};
        configureGuarded(reg->_loader, ref, [&] { entry.object->configure(setup); });
        reg->_blueprints.push_back(std::move(entry));
    }
    return reg;
}

Aggregator* ExtensionRegistry::aggregator(const std::string& name) const {
    for (const auto& a : _aggregators)
        if (a.config.name == name) return a.object.get();
    return nullptr;
}

const std::vector<ComponentEntry>& ExtensionRegistry::chain(const std::string& key) const {
    static const std::vector<ComponentEntry> empty;
    auto it = _chains.find(key);
    return it == _chains.end() ? empty : it->second;
}

}  // namespace statshost::plugins
