#pragma once
/// The dashboard page templates (STATS_DASHBOARD_TEMPLATES), Mustache files in the templates folder
/// rendered with kainjow mustache. Every `{{value}}` is HTML-escaped (& < > " ' included), so values
/// are safe in text and in quoted attributes; templates use `{{{...}}}` only for `body`, the HTML
/// the host rendered from the inner template.
///
/// Rendering: the page's template ("global", "community" or "message") is rendered first, with the
/// partial `{{> stats_dashboard}}` bound to the macro template; its HTML becomes `{{{body}}}` of the
/// "page" shell. Values every template sees:
///   lang, page_title, site_title, title, description, show_title, show_description, status,
///   dashboard_config (JSON text), community (JSON text or "null"), community_title, community_url,
///   heading, message, ui_built, ui_problem, script (URL), styles (list of {href})
#include <map>
#include <string>
#include <vector>

#include "AssetManifest.h"

namespace statshost::dashboard {

/// File names relative to the templates folder, by role.
struct TemplateNames {
    std::string page = "page.html";                          ///< the HTML shell
    std::string macro = "stats_dashboard_macro.html";        ///< the embeddable dashboard element
    std::string global = "stats_dashboard.html";             ///< the /stats body
    std::string community = "community_stats_dashboard.html"; ///< the community page body
    std::string message = "stats_dashboard_message.html";    ///< "not enabled" / not found / forbidden
};

/// What one page shows.
struct PageView {
    std::string kind = "global";  ///< "global" | "community" | "message"
    int status = 200;
    std::string lang = "en";
    std::string pageTitle;
    std::string siteTitle;
    std::string title;
    std::string description;
    bool showTitle = false;
    bool showDescription = false;
    std::string dashboardConfig = "{}";  ///< JSON text
    std::string community = "null";      ///< JSON text
    std::string communityTitle;
    std::string communityUrl;
    std::string heading;  ///< message pages
    std::string message;  ///< message pages
};

class PageTemplates {
public:
    /// Reads and parses the five templates from `directory`; a missing file or a Mustache syntax
    /// error is a ConfigError naming `keyPath`.<role> and the file.
    static PageTemplates load(const std::string& directory, const TemplateNames& names, const std::string& keyPath);

    /// The whole HTML document for `view` with the UI build `assets`.
    std::string render(const PageView& view, const UiAssets& assets) const;

private:
    std::map<std::string, std::string> _text;  // role → template text
};

}  // namespace statshost::dashboard
