#pragma once
/// Opens plugin files and creates extension objects from them.
///
/// load() checks, in order: the file exists; it is a loadable shared library; it exports
/// `statshost_abi_version` (else "not a statshost plugin"); the version equals kAbiVersion (checked
/// before any class of the plugin is created); it exports at least one extension-point manifest
/// (Aggregator, ServiceComponent, Blueprint). Every failure is a ConfigError naming the plugin and
/// its file. Libraries are never unloaded while the loader lives; objects created from them must be
/// destroyed before the loader (ExtensionRegistry guarantees the order).
///
/// Not thread safe: used at start-up only.
#include <map>
#include <memory>
#include <set>
#include <string>

#include <Poco/ClassLoader.h>

#include "config/Config.h"
#include "statshost/Aggregator.h"
#include "statshost/Blueprint.h"
#include "statshost/ServiceComponent.h"

namespace statshost::plugins {

class PluginLoader {
public:
    PluginLoader() = default;
    PluginLoader(const PluginLoader&) = delete;
    PluginLoader& operator=(const PluginLoader&) = delete;

    void load(const config::PluginFile& plugin);

    /// Which extension points a loaded plugin exports ("Aggregator", "ServiceComponent", "Blueprint").
    std::set<std::string> extensionPoints(const std::string& plugin) const;
    /// Class names a plugin exports for one extension point.
    std::set<std::string> classes(const std::string& plugin, const std::string& extensionPoint) const;

    /// Creates `ref.className` from plugin `ref.plugin`; ConfigError (naming plugin, file and key
    /// path) if the plugin is not loaded, lacks the extension point or the class, or the
    /// constructor throws.
    std::unique_ptr<Aggregator> createAggregator(const config::ExtensionRef& ref);
    std::unique_ptr<ServiceComponent> createComponent(const config::ExtensionRef& ref);
    std::unique_ptr<Blueprint> createBlueprint(const config::ExtensionRef& ref);

    const std::string& pathOf(const std::string& plugin) const;

private:
    template <class Base>
    std::unique_ptr<Base> create(Poco::ClassLoader<Base>& loader, const char* point, const config::ExtensionRef& ref);

    std::map<std::string, std::string> _paths;                    // plugin name → file
    std::map<std::string, std::set<std::string>> _points;         // plugin name → extension points
    Poco::ClassLoader<Aggregator> _aggregators;
    Poco::ClassLoader<ServiceComponent> _components;
    Poco::ClassLoader<Blueprint> _blueprints;
};

}  // namespace statshost::plugins
