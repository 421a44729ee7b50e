#pragma once
/// The dashboard pages (API_UI.md §5): GET of the global and community routes renders the page
/// templates with `dashboard_config` and the community injected as JSON, under the same access
/// rules as the API (Access.h):
///   - allowed                       → 200, the dashboard (Cache-Control no-cache; restricted
///                                     communities private, no-cache)
///   - visible but not enabled       → 404, "Dashboard Not Enabled" with the configured message
///   - unknown or hidden community   → 404, "Statistics not found" (existence not revealed)
///   - restricted, token lacks scope → 403
/// The UI build is read once at registration (AssetManifest.h); without it the pages say that the
/// UI was not built and a warning is logged.
#include <memory>
#include <optional>

#include "Access.h"
#include "AssetManifest.h"
#include "PageConfig.h"
#include "PageTemplates.h"
#include "statshost/Blueprint.h"

namespace statshost::dashboard {

/// Renders pages; thread safe after construction (read-only state).
class DashboardPages {
public:
    DashboardPages(PagesConfig config, PageTemplates templates, std::shared_ptr<const UiAssets> assets,
                   AccessPolicy policy, CommunityDirectory& communities, DocumentStore& store);

    /// The global dashboard page as `caller` sees it.
    Response globalPage(const Caller& caller) const;
    /// The dashboard page of the community with id or slug `idOrSlug` as `caller` sees it.
    Response communityPage(const std::string& idOrSlug, const Caller& caller) const;

    /// dashboard_config for an allowed page (API_UI.md 5.3) as JSON text.
    std::string dashboardConfig(const std::string& communityId, bool community) const;

    /// The community JSON of data-community (id, slug, metadata.title, links.self_html).
    static std::string communityJson(const CommunityAccess& community);

private:
    /// `requested`: "global", or a community id/slug ("" = none).
    Response page(const std::string& requested, const Caller& caller) const;
    Response render(const PageView& view) const;
    Response messagePage(int status, const std::string& heading, const std::string& message) const;
    std::optional<std::string> lastUpdated(const std::string& communityId) const;

    PagesConfig _config;
    PageTemplates _templates;
    std::shared_ptr<const UiAssets> _assets;
    AccessPolicy _policy;
    CommunityDirectory& _communities;
    DocumentStore& _store;
};

/// Loads templates and the UI build, registers the templates (names "stats_dashboard.<role>"), the
/// two page routes and the asset route. Template problems are ConfigErrors; a missing UI build is a
/// warning. The returned object must outlive the routes (the blueprint keeps it).
std::shared_ptr<DashboardPages> registerDashboardPages(BlueprintRegistrar& registrar, const PagesConfig& config,
                                                       BlueprintContext& context, const AccessPolicy& policy);

}  // namespace statshost::dashboard
