#include "plugins/BlueprintRegistrations.h"

#include "statshost/Errors.h"

namespace statshost::plugins {

namespace {

void claim(std::map<std::string, std::string>& owners, const std::string& key, const std::string& owner,
           const std::string& what) {
    auto [it, fresh] = owners.emplace(key, owner);
    if (!fresh)
        throw ConfigError(owner, "duplicate " + what + " '" + key + "' (already registered by " + it->second + ")");
}

}  // namespace

void BlueprintRegistrations::addRoute(Route route) {
    if (route.method.empty() || route.pattern.empty() || route.pattern[0] != '/' || !route.handler)
        throw ConfigError(_owner, "route '" + route.method + " " + route.pattern + "' needs a method, a pattern starting with '/' and a handler");
    claim(_routeOwners, route.method + " " + route.pattern, _owner, "route");
    if (route.name.empty()) route.name = _owner + ":" + route.pattern;
    _routes.push_back(std::move(route));
}

void BlueprintRegistrations::addTemplate(const std::string& name, const std::string& relativePath) {
    if (relativePath.empty() || relativePath[0] == '/' || relativePath.find("..") != std::string::npos)
        throw ConfigError(_owner, "template '" + name + "' must be a relative path inside the templates folder");
    claim(_templateOwners, name, _owner, "template");
    _templates[name] = relativePath;
}

void BlueprintRegistrations::addStaticDirectory(const std::string& urlPrefix, const std::string& directory) {
    if (urlPrefix.empty() || urlPrefix[0] != '/')
        throw ConfigError(_owner, "static prefix '" + urlPrefix + "' must start with '/'");
    for (const auto& s : _static)
        if (s.urlPrefix == urlPrefix)
            throw ConfigError(_owner, "duplicate static prefix '" + urlPrefix + "' (already registered by " + s.owner + ")");
    _static.push_back({urlPrefix, directory, _owner});
}

void BlueprintRegistrations::addQuery(const std::string& name, QueryHandler handler) {
    if (name.empty() || !handler) throw ConfigError(_owner, "a query needs a name and a handler");
    claim(_queryOwners, name, _owner, "query");
    _queries[name] = std::move(handler);
}

}  // namespace statshost::plugins
