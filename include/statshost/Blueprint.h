#pragma once
/// Extension point: a blueprint contributes routes, templates, static assets and `/api/stats`
/// queries (the dashboard plugin is one). Loaded from the `Blueprint` manifest of a plugin.
///
/// Call order (host, one thread, at start-up): default constructor → configure() → registerWith().
/// After registerWith() the host freezes its registries; handlers are then called concurrently
/// from the HTTP worker threads and must be thread safe. The object lives until shutdown.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "statshost/Context.h"
#include "statshost/Errors.h"
#include "statshost/Http.h"
#include "statshost/Params.h"
#include "statshost/Sources.h"
#include "statshost/Store.h"

namespace statshost {

struct BlueprintSetup {
    std::string name;    ///< the configured blueprint name
    Params params;       ///< its `params:` block (dashboard.yaml entries for the dashboard)
};

/// Who asks: the bearer token the request authenticated with (empty name and scopes = anonymous).
struct Caller {
    std::string tokenName;
    std::set<std::string> scopes;

    /// True when the scopes contain `scope` or "admin" (admin implies every scope).
    bool hasScope(const std::string& scope) const { return scopes.count(scope) || scopes.count("admin"); }
    bool anonymous() const { return tokenName.empty(); }
};

/// A named `/api/stats` query: takes the request's `params` object and the caller, returns JSON
/// text. It may throw ConfigError (a bad parameter: 400 naming the key path) or HttpError(status,
/// message) to answer 400/403/404 with `{"status": .., "message": ..}`; the whole request then fails.
using QueryHandler = std::function<std::string(const Params& params, const Caller& caller)>;

/// The 400 message for a ConfigError a query threw while reading the `params` of request key `key`:
/// Params accessors name the full path ("<key>.params.x"), a handler's own errors the param alone ("x").
inline std::string queryParamMessage(const std::string& key, const ConfigError& e) {
    const bool full = e.keyPath().rfind(key + ".", 0) == 0;
    return (full ? e.keyPath() : key + ".params" + (e.keyPath().empty() ? "" : "." + e.keyPath())) + ": " + e.problem();
}

/// What the host knows about a community for permission decisions (SEMANTICS §1).
struct CommunityAccess {
    std::string id;                 ///< UUID
    std::string slug;
    std::string title;
    std::string visibility;         ///< "public" | "restricted"
    bool dashboardEnabled = false;  ///< custom field `stats:dashboard_enabled` (defaulted by the opt-in rule)
    std::string parentId;           ///< parent community id from the community JSON (`parent.id`), "" = none
};

/// Looks communities up in the repository. Thread safe; every call reads the current state.
class CommunityDirectory {
public:
    virtual ~CommunityDirectory() = default;
    /// The community whose id is `idOrSlug`, else the one whose slug is `idOrSlug`, else nothing.
    virtual std::optional<CommunityAccess> find(const std::string& idOrSlug) = 0;
    /// Every community, ordered by id.
    virtual std::vector<CommunityAccess> all() = 0;
};

/// What the host knows about a published record version, for leaderboards and record pages.
struct RecordSummary {
    std::string recordId;
    std::string parentId;
    std::string title;                      ///< `metadata.title`, "" when absent
    std::string created;                    ///< `created` as given (ISO-8601)
    std::string owner;                      ///< uploader id as a string (SEMANTICS §6.8), "" = none; never an e-mail
    bool isDeleted = false;                 ///< tombstoned now
    bool isPublic = true;                   ///< `access.record` is "public" (absent = public)
    std::vector<std::string> communityIds;  ///< the parent's current communities (sorted)
};

/// Looks record versions up in the repository. Thread safe; every call reads the current state.
class RecordDirectory {
public:
    virtual ~RecordDirectory() = default;
    /// The versions among `recordIds` that exist (deleted ones included), in argument order; unknown ids skipped.
    virtual std::vector<RecordSummary> find(const std::vector<std::string>& recordIds) = 0;
    /// Every published version of a parent, in publication order (empty for an unknown parent).
    virtual std::vector<RecordSummary> versionsOf(const std::string& parentId) = 0;
};

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
    CommunityDirectory& communities;
    RecordDirectory& records;
    const AggregationSettings& settings;  ///< COMMUNITY_STATS_* as the aggregators see them (subcount keys)
};

class Blueprint {
public:
    virtual ~Blueprint() = default;
    /// Validates the configuration; throws ConfigError naming the key.
    virtual void configure(const BlueprintSetup& setup) = 0;
    virtual void registerWith(BlueprintRegistrar& registrar, BlueprintContext& context) = 0;
};

}  // namespace statshost
