#include "PageConfig.h"

#include <set>

#include <Poco/JSON/Array.h>
#include <Poco/Path.h>

#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

/// A YAML tree (mappings as Struct, lists as vectors) as Poco JSON values.
Poco::Dynamic::Var toJson(const Poco::Dynamic::Var& v) {
    if (v.type() == typeid(Poco::Dynamic::Struct<std::string>)) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
        for (const auto& kv : v.extract<Poco::Dynamic::Struct<std::string>>()) o->set(kv.first, toJson(kv.second));
        return o;
    }
    if (v.isArray() && !v.isString()) {
        Poco::JSON::Array::Ptr a = new Poco::JSON::Array();
        for (std::size_t i = 0; i < v.size(); ++i) a->add(toJson(v[i]));
        return a;
    }
    return v;
}

std::string resolvePath(const std::string& base, const std::string& path) {
    if (path.empty() || path[0] == '/' || base.empty()) return path;
    return Poco::Path(Poco::Path::forDirectory(base)).resolve(Poco::Path(path)).toString();
}

void requireMapping(const Params& p) {
    if (!p.isEmpty() && !p.isMap()) throw ConfigError(p.path(), "expected a mapping");
}

std::int64_t intInRange(const Params& p, std::int64_t lo, std::int64_t hi) {
    const std::int64_t v = p.asInt();
    if (v < lo || v > hi) throw ConfigError(p.path(), "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    return v;
}

const std::set<std::string> kGranularities = {"day", "week", "month", "quarter", "year"};

/// Shape check of one layout (API_UI.md 5.5): tabs[>=1] {name, label?, rows[>=1] {name, components[>=1]
/// {component, width 1-16?, props?}}}. Component names are the UI's to check (it reports unknown ones).
void validateLayout(const Params& layout) {
    requireMapping(layout);
    const auto tabs = layout.child("tabs").items();
    if (tabs.empty()) throw ConfigError(layout.child("tabs").path(), "expected a list of at least one tab");
    std::set<std::string> names;
    for (const auto& tab : tabs) {
        const std::string name = tab.child("name").asString();
        if (!names.insert(name).second) throw ConfigError(tab.child("name").path(), "duplicate tab name '" + name + "'");
        const auto rows = tab.child("rows").items();
        if (rows.empty()) throw ConfigError(tab.child("rows").path(), "expected a list of at least one row");
        for (const auto& row : rows) {
            const auto components = row.child("components").items();
            if (components.empty()) throw ConfigError(row.child("components").path(), "expected a list of at least one component");
            for (const auto& c : components) {
                c.child("component").asString();
                if (c.has("width")) intInRange(c.child("width"), 1, 16);
                requireMapping(c.child("props"));
            }
        }
    }
}

/// STATS_DASHBOARD_UI_CONFIG.<type> with the documented defaults; known keys type-checked.
Poco::JSON::Object::Ptr uiConfig(const Params& p, bool showTitle) {
    requireMapping(p);
    Poco::JSON::Object::Ptr o = p.isEmpty() ? new Poco::JSON::Object() : toJson(p.raw()).extract<Poco::JSON::Object::Ptr>();
    o->set("title", p.getString("title", "Statistics"));
    o->set("description", p.getString("description", ""));
    o->set("maxHistoryYears", p.has("maxHistoryYears") ? intInRange(p.child("maxHistoryYears"), 1, 200) : 10);
    const std::string granularity = p.getString("default_granularity", "week");
    if (!kGranularities.count(granularity))
        throw ConfigError(p.child("default_granularity").path(), "expected day, week, month, quarter or year");
    o->set("default_granularity", granularity);
    o->set("show_title", p.getBool("show_title", showTitle));
    o->set("show_description", p.getBool("show_description", false));
    return o;
}

Poco::JSON::Object::Ptr rangeOptions(const Params& p) {
    requireMapping(p);
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
    const std::pair<const char*, const char*> defaults[] = {
        {"day", "30days"}, {"week", "yearToDate"}, {"month", "yearToDate"}, {"quarter", "yearToDate"}, {"year", "2years"}};
    for (const auto& [g, d] : defaults) o->set(g, p.getString(g, d));
    for (const auto& key : p.keys())
        if (!kGranularities.count(key)) throw ConfigError(p.child(key).path(), "unknown granularity (day, week, month, quarter, year)");
    return o;
}

std::string replaceAll(std::string text, const std::string& what, const std::string& with) {
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
        text.replace(at, what.size(), with);
    return text;
}

std::string relativeFile(const Params& p, const std::string& dflt) {
    const std::string file = p.isEmpty() ? dflt : p.asString();
    if (file.empty() || file[0] == '/' || file.find("..") != std::string::npos)
        throw ConfigError(p.path(), "expected a file name relative to the templates folder");
    return file;
}

}  // namespace

std::string routePattern(const std::string& flaskRoute, std::vector<std::string>& params) {
    if (flaskRoute.empty() || flaskRoute[0] != '/') throw Error("expected a path starting with '/'");
    std::string out;
    for (std::size_t i = 0; i < flaskRoute.size(); ++i) {
        const char c = flaskRoute[i];
        if (c == '{' || c == '}' || c == '?' || c == '#') throw Error(std::string("unexpected '") + c + "' in a route");
        if (c != '<') {
            out.push_back(c);
            continue;
        }
        const std::size_t close = flaskRoute.find('>', i);
        if (close == std::string::npos) throw Error("unclosed '<' in a route");
        std::string name = flaskRoute.substr(i + 1, close - i - 1);
        const std::size_t colon = name.rfind(':');
        if (colon != std::string::npos) name = name.substr(colon + 1);  // <string:pid_value>
        if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != std::string::npos)
            throw Error("bad parameter name '<" + flaskRoute.substr(i + 1, close - i - 1) + ">'");
        if (out.empty() || out.back() != '/' || (close + 1 < flaskRoute.size() && flaskRoute[close + 1] != '/'))
            throw Error("a parameter must be a whole path segment");
        params.push_back(name);
        out += "{" + name + "}";
        i = close;
    }
    while (out.size() > 1 && out.back() == '/') out.pop_back();  // strict_slashes off: "/stats/" is "/stats"
    return out;
}

PagesConfig parsePagesConfig(const Params& params) {
    PagesConfig c;
    const std::string configDir = params.getString("STATSHOST_CONFIG_DIR", "");

    const Params routes = params.child("STATS_DASHBOARD_ROUTES");
    requireMapping(routes);
    auto route = [&](const std::string& key, const std::string& dflt, std::size_t wantParams) {
        const Params p = routes.child(key);
        std::vector<std::string> names;
        std::string pattern;
        try {
            pattern = routePattern(p.isEmpty() ? dflt : p.asString(), names);
        } catch (const ConfigError&) {
            throw;
        } catch (const Error& e) {
            throw ConfigError(p.path(), e.what());
        }
        if (names.size() != wantParams)
            throw ConfigError(p.path(), wantParams ? "expected exactly one parameter (the community id or slug), e.g. /communities/<pid_value>/stats"
                                                   : "the global route takes no parameters");
        return std::make_pair(pattern, names);
    };
    c.globalRoute = route("global", "/stats", 0).first;
    auto community = route("community", "/communities/<pid_value>/stats", 1);
    c.communityRoute = community.first;
    c.communityParam = community.second.front();
    if (c.globalRoute == c.communityRoute) throw ConfigError(routes.path(), "global and community routes must differ");

    const Params templates = params.child("STATS_DASHBOARD_TEMPLATES");
    requireMapping(templates);
    c.templatesKey = templates.path();
    for (const auto& key : templates.keys())
        if (key != "page" && key != "macro" && key != "global" && key != "community" && key != "message")
            throw ConfigError(templates.child(key).path(), "unknown template role (page, macro, global, community, message)");
    const TemplateNames dflt;
    c.templates.page = relativeFile(templates.child("page"), dflt.page);
    c.templates.macro = relativeFile(templates.child("macro"), dflt.macro);
    c.templates.global = relativeFile(templates.child("global"), dflt.global);
    c.templates.community = relativeFile(templates.child("community"), dflt.community);
    c.templates.message = relativeFile(templates.child("message"), dflt.message);
    c.templatesDir = params.getString("STATSHOST_TEMPLATES_DIR", resolvePath(configDir, "../templates"));

    c.uiDistDir = resolvePath(configDir, params.getString("STATS_DASHBOARD_UI_DIST", "../plugins/stats_dashboard/ui/dist"));
    c.staticPrefix = params.getString("STATS_DASHBOARD_STATIC_PREFIX", "/static/stats_dashboard");
    while (c.staticPrefix.size() > 1 && c.staticPrefix.back() == '/') c.staticPrefix.pop_back();
    if (c.staticPrefix.size() < 2 || c.staticPrefix[0] != '/' || c.staticPrefix.find_first_of("{}<>") != std::string::npos)
        throw ConfigError(params.child("STATS_DASHBOARD_STATIC_PREFIX").path(), "expected a path like /static/stats_dashboard");
    c.siteTitle = params.getString("THEME_SHORT_TITLE", "statshost");
    c.locale = params.getString("STATS_DASHBOARD_LOCALE", "en");
    const std::string dateBasis = c.dateBasis = params.getString("STATS_DASHBOARD_DATE_BASIS", "added");
    if (dateBasis != "added" && dateBasis != "created" && dateBasis != "published")
        throw ConfigError(params.child("STATS_DASHBOARD_DATE_BASIS").path(), "expected added, created or published");

    c.disabledMessageGlobal = replaceAll(
        params.getString("STATS_DASHBOARD_DISABLED_MESSAGE_GLOBAL",
                         "The global and community statistics dashboards must be enabled by the {title} administrators."),
        "{title}", c.siteTitle);
    c.disabledMessageCommunity = params.getString(
        "STATS_DASHBOARD_DISABLED_MESSAGE_COMMUNITY",
        "Community managers and administrators can enable the dashboard from the community settings page");
    if (c.disabledMessageGlobal.empty()) c.disabledMessageGlobal = "The statistics dashboard is not enabled.";
    if (c.disabledMessageCommunity.empty()) c.disabledMessageCommunity = "The statistics dashboard of this community is not enabled.";

    // Layouts: community_layout falls back to global_layout; none = the UI's built-in default.
    const Params layout = params.child("STATS_DASHBOARD_LAYOUT");
    requireMapping(layout);
    for (const auto& key : layout.keys()) {
        if (key != "global_layout" && key != "community_layout")
            throw ConfigError(layout.child(key).path(), "unknown layout (global_layout, community_layout)");
        validateLayout(layout.child(key));
    }
    const Params globalLayout = layout.child("global_layout");
    const Params communityLayout = layout.has("community_layout") ? layout.child("community_layout") : globalLayout;

    // The parts of dashboard_config (API_UI.md 5.3) both types share.
    Poco::JSON::Object common;
    common.set("default_range_options", rangeOptions(params.child("STATS_DASHBOARD_DEFAULT_RANGE_OPTIONS")));
    const Params subcounts = params.child("STATS_DASHBOARD_UI_SUBCOUNTS");
    requireMapping(subcounts);
    if (!subcounts.isEmpty()) common.set("ui_subcounts", toJson(subcounts.raw()));
    common.set("display_binary_sizes", !params.getBool("APP_RDM_DISPLAY_DECIMAL_FILE_SIZES", true));
    common.set("use_test_data", params.getBool("STATS_DASHBOARD_USE_TEST_DATA", false));
    common.set("client_cache_compression_enabled", params.getBool("STATS_DASHBOARD_CLIENT_CACHE_COMPRESSION_ENABLED", false));
    common.set("dashboard_enabled_global", params.getBool("STATS_DASHBOARD_ENABLED_GLOBAL", false));
    common.set("dashboard_enabled_communities", params.getBool("STATS_DASHBOARD_ENABLED_COMMUNITY", false));
    common.set("disabled_message_global", c.disabledMessageGlobal);
    common.set("locale", c.locale);
    common.set("date_basis", dateBasis);
    // The UI posts its category queries and report downloads to /api/stats-dashboard (same answers
    // as /api/stats, plus CSV/XLSX/XML exports).
    const std::string seriesRoute = params.child("STATS_DASHBOARD_API_ROUTES").getString("stats_series", "/stats-dashboard");
    common.set("api_url", params.getString("STATS_DASHBOARD_API_URL", "/api" + seriesRoute));

    const Params ui = params.child("STATS_DASHBOARD_UI_CONFIG");
    requireMapping(ui);
    auto typed = [&](const std::string& type, const Params& typeLayout, const std::string& disabledMessage) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(common);
        const Poco::JSON::Object::Ptr settings = uiConfig(ui.child(type), type == "community");  // keep it alive
        for (const auto& kv : *settings) o->set(kv.first, kv.second);
        o->set("dashboard_type", type);
        o->set("disabled_message", disabledMessage);
        if (!typeLayout.isEmpty()) o->set("layout", toJson(typeLayout.raw()));
        return o;
    };
    c.globalDashboardConfig = typed("global", globalLayout, c.disabledMessageGlobal);
    c.communityDashboardConfig = typed("community", communityLayout, c.disabledMessageCommunity);
    return c;
}

}  // namespace statshost::dashboard
