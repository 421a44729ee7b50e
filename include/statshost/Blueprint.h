#pragma once
/// Extension point: a blueprint contributes routes, templates, static assets and `/api/stats`
/// queries (the dashboard plugin is one). Loaded from the `Blueprint` manifest of a plugin.
///
/// Call order (host, one thread, at start-up): default constructor → configure() → registerWith().
/// After registerWith() the host freezes its registries; handlers are then called concurrently
/// from the HTTP worker threads and must be thread safe. The object lives until shutdown.
#include <functional>
#include <string>

#include "statshost/Context.h"
#include "statshost/Http.h"
#include "statshost/Params.h"
#include "statshost/Store.h"

namespace statshost {

struct BlueprintSetup {
    std::string name;    ///< the configured blueprint name
    Params params;       ///< its `params:` block (dashboard.yaml entries for the dashboard)
};

/// A named `/api/stats` query: takes the request's `params` object (JSON text), returns JSON text.
using QueryHandler = std::function<std::string(const Params& params)>;

/// What a blueprint may register. Valid only during registerWith().
class BlueprintRegistrar {
public:
    virtual ~BlueprintRegistrar() = default;
    virtual void addRoute(Route route) = 0;
    /// Registers a template file (path relative to the configured templates directory) under a name.
    virtual void addTemplate(const std::string& name, const std::string& relativePath) = 0;
    /// Serves files under `directory` at `urlPrefix` (no traversal outside the directory).
    virtual void addStaticDirectory(const std::string& urlPrefix, const std::string& directory) = 0;
    /// Registers an `/api/stats` query; a duplicate name is a start-up error.
    virtual void addQuery(const std::string& name, QueryHandler handler) = 0;
};

/// What a blueprint may use while serving.
struct BlueprintContext {
    DocumentStore& store;
    const Clock& clock;
    Logger& logger;
};

class Blueprint {
public:
    virtual ~Blueprint() = default;
    /// Validates the configuration; throws ConfigError naming the key.
    virtual void configure(const BlueprintSetup& setup) = 0;
    virtual void registerWith(BlueprintRegistrar& registrar, BlueprintContext& context) = 0;
};

}  // namespace statshost
