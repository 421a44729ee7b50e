#include "plugins/PluginLoader.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/SharedLibrary.h>

#include "statshost/Abi.h"

namespace statshost::plugins {

namespace {

const char* const kPoints[] = {"Aggregator", "ServiceComponent", "Blueprint"};

[[noreturn]] void failPlugin(const std::string& name, const std::string& path, const std::string& problem) {
    throw ConfigError("plugins." + name, "plugin '" + name + "' (" + path + "): " + problem);
}

}  // namespace

void PluginLoader::load(const config::PluginFile& plugin) {
    if (_paths.count(plugin.name)) failPlugin(plugin.name, plugin.path, "configured twice");
    for (const auto& [name, path] : _paths)
        if (path == plugin.path) failPlugin(plugin.name, plugin.path, "the same file is already loaded as plugin '" + name + "'");

    Poco::File file(plugin.path);
    if (!file.exists()) failPlugin(plugin.name, plugin.path, "file not found");
    if (!file.isFile()) failPlugin(plugin.name, plugin.path, "not a regular file");

    // Open the library ourselves first, to check the ABI before Poco builds any manifest.
    Poco::SharedLibrary library;
    try {
        library.load(plugin.path);
    } catch (const Poco::Exception& e) {
        failPlugin(plugin.name, plugin.path, "not a loadable shared library: " + e.displayText());
    }
    if (!library.hasSymbol("statshost_abi_version"))
        failPlugin(plugin.name, plugin.path, "not a statshost plugin (no statshost_abi_version symbol)");
    auto abiVersion = reinterpret_cast<int (*)()>(library.getSymbol("statshost_abi_version"));
    int version = abiVersion();
    if (version != kAbiVersion)
        failPlugin(plugin.name, plugin.path,
                   "built for plugin ABI " + std::to_string(version) + ", this statshost needs ABI " +
                       std::to_string(kAbiVersion) + " (rebuild the plugin against this statshost's headers)");

    std::set<std::string> points;
    for (const char* point : kPoints)
        if (library.hasSymbol(std::string("pocoBuildManifest") + point)) points.insert(point);
    if (points.empty())
        failPlugin(plugin.name, plugin.path, "exports no extension point (Aggregator, ServiceComponent or Blueprint manifest)");

    try {
        if (points.count("Aggregator")) _aggregators.loadLibrary(plugin.path, "Aggregator");
        if (points.count("ServiceComponent")) _components.loadLibrary(plugin.path, "ServiceComponent");
        if (points.count("Blueprint")) _blueprints.loadLibrary(plugin.path, "Blueprint");
    } catch (const Poco::Exception& e) {
        failPlugin(plugin.name, plugin.path, "manifest rejected: " + e.displayText());
    }
    // `library` goes out of scope without unloading: the ClassLoaders hold their own references.
    _paths[plugin.name] = plugin.path;
    _points[plugin.name] = points;
}

std::set<std::string> PluginLoader::extensionPoints(const std::string& plugin) const {
    auto it = _points.find(plugin);
    return it == _points.end() ? std::set<std::string>{} : it->second;
}

const std::string& PluginLoader::pathOf(const std::string& plugin) const {
    static const std::string none;
    auto it = _paths.find(plugin);
    return it == _paths.end() ? none : it->second;
}

std::set<std::string> PluginLoader::classes(const std::string& plugin, const std::string& point) const {
    std::set<std::string> out;
    auto pathIt = _paths.find(plugin);
    if (pathIt == _paths.end() || !extensionPoints(plugin).count(point)) return out;
    auto collect = [&](const auto& loader) {
        const auto* manifest = loader.findManifest(pathIt->second);
        if (manifest)
            for (auto it = manifest->begin(); it != manifest->end(); ++it) out.insert(it->name());
    };
    if (point == "Aggregator") collect(_aggregators);
    if (point == "ServiceComponent") collect(_components);
    if (point == "Blueprint") collect(_blueprints);
    return out;
}

template <class Base>
std::unique_ptr<Base> PluginLoader::create(Poco::ClassLoader<Base>& loader, const char* point,
                                           const config::ExtensionRef& ref) {
    auto pathIt = _paths.find(ref.plugin);
    if (pathIt == _paths.end())
        throw ConfigError(ref.keyPath + ".plugin", "plugin '" + ref.plugin + "' is not loaded");
    const std::string& path = pathIt->second;
    std::string where = "plugin '" + ref.plugin + "' (" + path + ")";
    if (!_points[ref.plugin].count(point))
        throw ConfigError(ref.keyPath + ".class", where + " exports no " + point + " classes");
    const auto* manifest = loader.findManifest(path);
    if (!manifest || manifest->find(ref.className) == manifest->end()) {
        std::string known;
        for (const auto& c : classes(ref.plugin, point)) known += (known.empty() ? "" : ", ") + c;
        throw ConfigError(ref.keyPath + ".class",
                          where + " has no " + point + " class '" + ref.className + "' (it exports: " + known + ")");
    }
    try {
        return std::unique_ptr<Base>(manifest->find(ref.className)->create());
    } catch (const std::exception& e) {
        throw ConfigError(ref.keyPath + ".class", where + ": creating '" + ref.className + "' failed: " + e.what());
    } catch (...) {
        throw ConfigError(ref.keyPath + ".class", where + ": creating '" + ref.className + "' failed");
    }
}

std::unique_ptr<Aggregator> PluginLoader::createAggregator(const config::ExtensionRef& ref) {
    return create(_aggregators, "Aggregator", ref);
}
std::unique_ptr<ServiceComponent> PluginLoader::createComponent(const config::ExtensionRef& ref) {
    return create(_components, "ServiceComponent", ref);
}
std::unique_ptr<Blueprint> PluginLoader::createBlueprint(const config::ExtensionRef& ref) {
    return create(_blueprints, "Blueprint", ref);
}

}  // namespace statshost::plugins
