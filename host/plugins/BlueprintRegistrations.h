#pragma once
/// Collects what blueprints register (routes, templates, static folders, /api/stats queries) and
/// rejects duplicates across all blueprints with an error naming both registrants. The app then
/// hands the routes to the HTTP router and the queries to the stats endpoint.
#include <map>
#include <string>
#include <vector>

#include "statshost/Blueprint.h"

namespace statshost::plugins {

struct StaticDirectory {
    std::string urlPrefix;
    std::string directory;
    std::string owner;
};

class BlueprintRegistrations : public BlueprintRegistrar {
public:
    /// Subsequent registrations are attributed to `owner` (e.g. "stats_dashboard/StatsDashboardBlueprint").
    void setOwner(const std::string& owner) { _owner = owner; }

    void addRoute(Route route) override;
    void addTemplate(const std::string& name, const std::string& relativePath) override;
    void addStaticDirectory(const std::string& urlPrefix, const std::string& directory) override;
    void addQuery(const std::string& name, QueryHandler handler) override;

    const std::vector<Route>& routes() const { return _routes; }
    const std::map<std::string, std::string>& templates() const { return _templates; }
    const std::vector<StaticDirectory>& staticDirectories() const { return _static; }
    const std::map<std::string, QueryHandler>& queries() const { return _queries; }

private:
    std::string _owner;
    std::vector<Route> _routes;
    std::map<std::string, std::string> _routeOwners;  // "METHOD pattern" → owner
    std::map<std::string, std::string> _templates;
    std::map<std::string, std::string> _templateOwners;
    std::vector<StaticDirectory> _static;
    std::map<std::string, QueryHandler> _queries;
    std::map<std::string, std::string> _queryOwners;
};

}  // namespace statshost::plugins
