#include "DashboardPages.h"

#include <Poco/JSON/Stringifier.h>
#include <sstream>

#include "AssetRoute.h"
#include "DocumentSource.h"
#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

std::string stringify(const Poco::JSON::Object& o) {
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

bool isDay(const std::string& s) {
    if (s.size() < 10) return false;
    for (std::size_t i = 0; i < 10; ++i)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    return true;
}

}  // namespace

DashboardPages::DashboardPages(PagesConfig config, PageTemplates templates, std::shared_ptr<const UiAssets> assets,
                               AccessPolicy policy, CommunityDirectory& communities, DocumentStore& store)
    : _config(std::move(config)), _templates(std::move(templates)), _assets(std::move(assets)), _policy(policy),
      _communities(communities), _store(store) {}

std::optional<std::string> DashboardPages::lastUpdated(const std::string& communityId) const {
    // The aggregations' bookmarks (the last day each has aggregated); data is as of the oldest.
    std::optional<std::string> oldest;
    for (Family f : {Family::RecordDelta, Family::RecordSnapshot, Family::UsageDelta, Family::UsageSnapshot}) {
        const auto day = _store.bookmark(familyIndex(f, _config.dateBasis).aggregation, communityId);
        if (!day || !isDay(*day)) return std::nullopt;
        if (!oldest || day->substr(0, 10) < *oldest) oldest = day->substr(0, 10);
    }
    return oldest;
}

std::string DashboardPages::dashboardConfig(const std::string& communityId, bool community) const {
    Poco::JSON::Object o(community ? *_config.communityDashboardConfig : *_config.globalDashboardConfig);
    o.set("dashboard_enabled", true);
    if (auto day = lastUpdated(communityId)) o.set("last_updated", *day);
    return stringify(o);
}

std::string DashboardPages::communityJson(const CommunityAccess& community) {
    Poco::JSON::Object o;
    o.set("id", community.id);
    o.set("slug", community.slug);
    Poco::JSON::Object::Ptr metadata = new Poco::JSON::Object();
    metadata->set("title", community.title);
    o.set("metadata", metadata);
    Poco::JSON::Object::Ptr links = new Poco::JSON::Object();
    links->set("self_html", "/communities/" + (community.slug.empty() ? community.id : community.slug));
    o.set("links", links);
    o.set("access", Poco::JSON::Object::Ptr(new Poco::JSON::Object()));
    o.getObject("access")->set("visibility", community.visibility);
    return stringify(o);
}

Response DashboardPages::render(const PageView& view) const {
    PageView v = view;
    v.lang = _config.locale;
    v.siteTitle = _config.siteTitle;
    Response r;
    r.status = v.status;
    r.contentType = "text/html; charset=utf-8";
    r.body = _templates.render(v, *_assets);
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
}

Response DashboardPages::messagePage(int status, const std::string& heading, const std::string& message) const {
    PageView v;
    v.kind = "message";
    v.status = status;
    v.heading = heading;
    v.message = message;
    v.pageTitle = heading + " | " + _config.siteTitle;
    return render(v);
}

Response DashboardPages::globalPage(const Caller& caller) const { return page("global", caller); }

Response DashboardPages::communityPage(const std::string& idOrSlug, const Caller& caller) const {
    // "global" names the global statistics in the access rules, never a community.
    return page(idOrSlug == "global" ? std::string() : idOrSlug, caller);
}

Response DashboardPages::page(const std::string& requested, const Caller& caller) const {
    const bool isGlobal = requested == "global";
    std::optional<CommunityAccess> found;
    if (!isGlobal && !requested.empty()) found = _communities.find(requested);
    const AccessDecision decision = decideAccess(requested, found, caller, _policy);
    if (!decision.allowed()) {
        // "Not enabled" only where the caller could see the dashboard if it were switched on.
        AccessPolicy open = _policy;
        open.enabledGlobal = open.enabledCommunity = true;
        open.communityOptIn = false;
        if (decision.status == 404 && decideAccess(requested, found, caller, open).allowed()) {
            const bool bothOn = _policy.enabledGlobal && _policy.enabledCommunity;
            const std::string& message =
                isGlobal || !bothOn ? _config.disabledMessageGlobal : _config.disabledMessageCommunity;
            return messagePage(404, "Dashboard Not Enabled", message);
        }
        if (decision.status == 403)
            return messagePage(403, "Access Denied", "You do not have permission to see the statistics of this community.");
        return messagePage(404, "Statistics Not Found",
                           "There is no statistics dashboard here: the community does not exist or is not visible to you.");
    }
    PageView v;
    if (isGlobal) {
        const auto& ui = *_config.globalDashboardConfig;
        v.kind = "global";
        v.title = ui.getValue<std::string>("title");
        v.description = ui.getValue<std::string>("description");
        v.showTitle = ui.getValue<bool>("show_title");
        v.showDescription = ui.getValue<bool>("show_description");
        v.pageTitle = v.title + " | " + _config.siteTitle;
        v.dashboardConfig = dashboardConfig("global", false);
        return render(v);
    }
    const CommunityAccess& c = *decision.community;
    v.kind = "community";
    v.title = _config.communityDashboardConfig->getValue<std::string>("title");
    v.communityTitle = c.title.empty() ? c.slug : c.title;
    v.communityUrl = "/communities/" + (c.slug.empty() ? c.id : c.slug);
    v.pageTitle = v.communityTitle + " – " + v.title + " | " + _config.siteTitle;
    v.dashboardConfig = dashboardConfig(c.id, true);
    v.community = communityJson(c);
    Response r = render(v);
    if (c.visibility != "public")
        for (auto& h : r.headers)
            if (h.first == "Cache-Control") h.second = "private, no-cache";
    return r;
}

std::shared_ptr<DashboardPages> registerDashboardPages(BlueprintRegistrar& registrar, const PagesConfig& config,
                                                       BlueprintContext& context, const AccessPolicy& policy) {
    const TemplateNames& names = config.templates;
    for (const auto& [role, file] : {std::make_pair("page", names.page), std::make_pair("macro", names.macro),
                                     std::make_pair("global", names.global), std::make_pair("community", names.community),
                                     std::make_pair("message", names.message)})
        registrar.addTemplate(std::string("stats_dashboard.") + role, file);
    PageTemplates templates = PageTemplates::load(config.templatesDir, names, config.templatesKey);

    auto assets = std::make_shared<const UiAssets>(readUiAssets(config.uiDistDir, config.staticPrefix));
    if (!assets->built) context.logger.warning("dashboard pages: " + assets->problem);
    else context.logger.info("dashboard UI: " + assets->script + " (" + std::to_string(assets->files.size()) + " files)");

    auto pages = std::make_shared<DashboardPages>(config, std::move(templates), assets, policy, context.communities,
                                                  context.store);
    Route global;
    global.method = "GET";
    global.pattern = config.globalRoute;
    global.name = "stats_dashboard.global";
    global.handler = [pages](const Request& request) { return pages->globalPage(callerOf(request)); };
    registrar.addRoute(std::move(global));

    Route community;
    community.method = "GET";
    community.pattern = config.communityRoute;
    community.name = "stats_dashboard.community";
    const std::string param = config.communityParam;
    community.handler = [pages, param](const Request& request) {
        auto it = request.pathParams.find(param);
        return pages->communityPage(it == request.pathParams.end() ? "" : it->second, callerOf(request));
    };
    registrar.addRoute(std::move(community));
    registrar.addRoute(uiAssetRoute(config.staticPrefix, assets));
    return pages;
}

}  // namespace statshost::dashboard
