#include "config/SectionParsers.h"

#include <limits>
#include <map>
#include <regex>
#include <set>

#include "config/ConfigLoader.h"

namespace statshost::config {

namespace {

constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();

ExtensionRef parseExtension(YamlReader& reader) {
    ExtensionRef ref;
    ref.keyPath = reader.file() + ": " + reader.path();
    ref.plugin = reader.string("plugin", "");
    if (ref.plugin.empty()) reader.fail("plugin", "missing (name of an entry under plugins: in statshost.yaml)");
    ref.className = reader.string("class", "");
    if (ref.className.empty()) reader.fail("class", "missing (class name exported by the plugin)");
    ref.params = reader.params("params");
    return ref;
}

std::vector<ExtensionRef> parseExtensionList(YamlReader& parent, const std::string& key) {
    std::vector<ExtensionRef> out;
    auto node = parent.node(key);
    if (!node || node.IsNull()) return out;
    if (!node.IsSequence()) parent.fail(key, "expected a list of {plugin, class, params}");
    for (std::size_t i = 0; i < node.size(); ++i) {
        YamlReader item(node[i], parent.file(), parent.keyPath(key) + "[" + std::to_string(i) + "]");
        out.push_back(parseExtension(item));
        item.finish();
    }
    return out;
}

bool isIsoDate(const std::string& s) {
    static const std::regex re(R"([0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))");
    return std::regex_match(s, re);
}

}  // namespace

const std::vector<std::string>& componentChainKeys() {
    static const std::vector<std::string> keys = {
        "RDM_RECORDS_SERVICE_COMPONENTS", "RDM_RECORD_COMMUNITIES_SERVICE_COMPONENTS",
        "REQUESTS_EVENTS_SERVICE_COMPONENTS", "COMMUNITIES_SERVICE_COMPONENTS"};
    return keys;
}

void parseServer(YamlReader r, ServerConfig& out) {
    out.bind = r.string("bind", out.bind);
    out.port = static_cast<int>(r.integer("port", out.port, 0, 65535));
    out.threads = static_cast<int>(r.integer("threads", out.threads, 1, 1024));
    out.maxQueued = static_cast<int>(r.integer("max_queued", out.maxQueued, 1, 65536));
    out.maxBodyBytes = r.integer("max_body_bytes", out.maxBodyBytes, 1024, std::int64_t(1) << 34);
    out.keepAliveTimeoutSeconds = static_cast<int>(r.integer("keep_alive_timeout", out.keepAliveTimeoutSeconds, 0, 3600));
    out.requestTimeoutSeconds = static_cast<int>(r.integer("request_timeout", out.requestTimeoutSeconds, 1, 86400));
    out.accessLog = r.boolean("access_log", out.accessLog);
    r.finish();
}

void parseStorage(YamlReader r, StorageConfig& out) {
    out.url = r.string("url", out.url);
    if (out.url.rfind("sqlite:", 0) != 0 && out.url.rfind("postgresql://", 0) != 0 && out.url.rfind("postgres://", 0) != 0)
        r.fail("url", "expected sqlite:PATH or postgresql://user@host:port/db, got '" + out.url + "'");
    out.poolSize = static_cast<int>(r.integer("pool_size", out.poolSize, 1, 256));
    out.busyTimeoutMs = static_cast<int>(r.integer("busy_timeout_ms", out.busyTimeoutMs, 0, kMaxInt));
    r.finish();
}

std::vector<PluginFile> parsePlugins(YamlReader r) {
    std::vector<PluginFile> out;
    for (const auto& name : r.keys()) {
        if (!std::regex_match(name, std::regex("[A-Za-z0-9_.-]+")))
            r.fail(name, "plugin names may use letters, digits, '_', '-', '.'");
        auto node = r.node(name);
        PluginFile p;
        p.name = name;
        if (node.IsScalar()) {
            p.path = node.Scalar();
        } else {
            YamlReader entry(node, r.file(), r.keyPath(name));
            p.path = entry.string("path", "");
            entry.finish();
        }
        if (p.path.empty()) r.fail(name, "missing the path of the plugin's .so file");
        out.push_back(p);
    }
    return out;
}

std::vector<TokenConfig> parseTokens(YamlReader& parent, const std::string& key) {
    std::vector<TokenConfig> out;
    auto node = parent.node(key);
    if (!node || node.IsNull()) return out;
    if (!node.IsSequence()) parent.fail(key, "expected a list of {name, sha256, scopes}");
    std::set<std::string> names;
    for (std::size_t i = 0; i < node.size(); ++i) {
        YamlReader item(node[i], parent.file(), parent.keyPath(key) + "[" + std::to_string(i) + "]");
        TokenConfig t;
        t.name = item.string("name", "");
        if (t.name.empty()) item.fail("name", "missing");
        if (!names.insert(t.name).second) item.fail("name", "duplicate token name '" + t.name + "'");
        t.sha256Hex = item.string("sha256", "");
        if (!std::regex_match(t.sha256Hex, std::regex("[0-9a-f]{64}")))
            item.fail("sha256", "expected 64 lower-case hex digits (statshost token-hash SECRET prints them)");
        t.scopes = item.stringList("scopes");
        if (t.scopes.empty()) item.fail("scopes", "a token needs at least one scope");
        for (const auto& s : t.scopes)
            if (!isKnownScope(s)) item.fail("scopes", "unknown scope '" + s + "' (ingest, admin, read-restricted)");
        item.finish();
        out.push_back(t);
    }
    return out;
}

void parseSchedule(YamlReader r, ScheduleConfig& out) {
    out.enabled = r.boolean("enabled", out.enabled);
    r.finish();
}

void parseStats(YamlReader& r, StatsConfig& out) {
    out.enabled = r.boolean("COMMUNITY_STATS_ENABLED", out.enabled);
    out.scheduledAggregationEnabled = r.boolean("COMMUNITY_STATS_SCHEDULED_AGG_TASKS_ENABLED", out.scheduledAggregationEnabled);
    out.scheduledCacheEnabled = r.boolean("COMMUNITY_STATS_SCHEDULED_CACHE_TASKS_ENABLED", out.scheduledCacheEnabled);
    out.catchupInterval = r.integer("COMMUNITY_STATS_CATCHUP_INTERVAL", out.catchupInterval, 1, 1000000);
    out.topSubcountLimit = r.integer("COMMUNITY_STATS_TOP_SUBCOUNT_LIMIT", out.topSubcountLimit, 1, 100000);
    out.aggregationIntervalSeconds = r.integer("COMMUNITY_STATS_AGGREGATION_INTERVAL", out.aggregationIntervalSeconds, 1, 31 * 86400);
    out.cacheIntervalSeconds = r.integer("COMMUNITY_STATS_CACHE_INTERVAL", out.cacheIntervalSeconds, 1, 31 * 86400);
    out.publishedDateFloor = r.string("COMMUNITY_STATS_PUBLISHED_DATE_FLOOR", out.publishedDateFloor);
    if (!isIsoDate(out.publishedDateFloor)) r.fail("COMMUNITY_STATS_PUBLISHED_DATE_FLOOR", "expected YYYY-MM-DD");
    out.doubleClickMode = r.string("COMMUNITY_STATS_DOUBLE_CLICK_MODE", out.doubleClickMode);
    if (out.doubleClickMode != "fixed10s" && out.doubleClickMode != "counter30s")
        r.fail("COMMUNITY_STATS_DOUBLE_CLICK_MODE", "expected fixed10s or counter30s");
    auto events = r.child("STATS_EVENTS");
    for (const auto& type : events.keys()) {
        if (type != "record-view" && type != "file-download")
            events.fail(type, "unknown event type (record-view, file-download)");
        auto entry = events.child(type);
        bool enabled = entry.boolean("enabled", true);
        entry.finish();
        (type == "record-view" ? out.viewEventsEnabled : out.downloadEventsEnabled) = enabled;
    }
    out.queries = r.params("STATS_QUERIES");
    out.subcounts = r.params("COMMUNITY_STATS_SUBCOUNTS");

    auto aggs = r.child("STATS_AGGREGATIONS");
    for (const auto& name : aggs.keys()) {
        if (!std::regex_match(name, std::regex("[a-z0-9][a-z0-9_-]*")))
            aggs.fail(name, "aggregation names use lower-case letters, digits, '-' and '_'");
        auto entry = aggs.child(name);
        AggregationConfig a;
        a.name = name;
        a.extension = parseExtension(entry);
        a.templates = entry.string("templates", "");
        if (a.templates.empty()) entry.fail("templates", "missing (the index alias this aggregation writes)");
        if (!std::regex_match(a.templates, std::regex("[a-z0-9][a-z0-9_-]*")))
            entry.fail("templates", "index names use lower-case letters, digits, '-' and '_'");
        entry.finish();
        out.aggregations.push_back(a);
    }
    aggs.finish();

    for (const auto& key : componentChainKeys()) out.componentChains[key] = parseExtensionList(r, key);
}

void parseDashboard(YamlReader& r, DashboardConfig& out) {
    static const std::set<std::string> known = {
        "STATS_DASHBOARD_ENABLED_GLOBAL", "STATS_DASHBOARD_ENABLED_COMMUNITY", "STATS_DASHBOARD_COMMUNITY_OPT_IN",
        "STATS_DASHBOARD_BLUEPRINTS", "STATS_DASHBOARD_ROUTES", "STATS_DASHBOARD_API_ROUTES",
        "STATS_DASHBOARD_TEMPLATES", "STATS_DASHBOARD_LAYOUT", "STATS_DASHBOARD_UI_CONFIG",
        "STATS_DASHBOARD_DEFAULT_RANGE_OPTIONS", "STATS_DASHBOARD_USE_TEST_DATA", "STATS_DASHBOARD_OPTIMIZE_DATA_SERIES",
        "STATS_DASHBOARD_UI_SUBCOUNTS", "STATS_DASHBOARD_COMPONENT_METRICS_REGISTRY",
        "STATS_DASHBOARD_CLIENT_CACHE_COMPRESSION_ENABLED", "STATS_DASHBOARD_MENU_ENABLED", "STATS_DASHBOARD_MENU_TEXT",
        "STATS_DASHBOARD_MENU_ORDER", "STATS_DASHBOARD_COMMUNITY_MENU_ENABLED", "STATS_DASHBOARD_COMMUNITY_MENU_TEXT",
        "STATS_DASHBOARD_COMMUNITY_MENU_ORDER", "STATS_DASHBOARD_DISABLED_MESSAGE_GLOBAL",
        "STATS_DASHBOARD_DISABLED_MESSAGE_COMMUNITY", "STATS_DASHBOARD_LOCK_CONFIG"};
    for (const auto& key : r.keys())
        if (!known.count(key)) r.fail(key, "unknown key");
    out.enabledGlobal = r.boolean("STATS_DASHBOARD_ENABLED_GLOBAL", out.enabledGlobal);
    out.enabledCommunity = r.boolean("STATS_DASHBOARD_ENABLED_COMMUNITY", out.enabledCommunity);
    out.communityOptIn = r.boolean("STATS_DASHBOARD_COMMUNITY_OPT_IN", out.communityOptIn);
    for (const char* flag : {"STATS_DASHBOARD_USE_TEST_DATA", "STATS_DASHBOARD_OPTIMIZE_DATA_SERIES",
                             "STATS_DASHBOARD_CLIENT_CACHE_COMPRESSION_ENABLED", "STATS_DASHBOARD_MENU_ENABLED",
                             "STATS_DASHBOARD_COMMUNITY_MENU_ENABLED"})
        r.boolean(flag, false);
    for (const char* text : {"STATS_DASHBOARD_MENU_TEXT", "STATS_DASHBOARD_COMMUNITY_MENU_TEXT",
                             "STATS_DASHBOARD_DISABLED_MESSAGE_GLOBAL", "STATS_DASHBOARD_DISABLED_MESSAGE_COMMUNITY"})
        r.string(text, "");
    for (const char* order : {"STATS_DASHBOARD_MENU_ORDER", "STATS_DASHBOARD_COMMUNITY_MENU_ORDER"})
        r.integer(order, 0, -1000000, 1000000);
    for (const char* mapping : {"STATS_DASHBOARD_ROUTES", "STATS_DASHBOARD_API_ROUTES", "STATS_DASHBOARD_TEMPLATES",
                                "STATS_DASHBOARD_LAYOUT", "STATS_DASHBOARD_UI_CONFIG",
                                "STATS_DASHBOARD_DEFAULT_RANGE_OPTIONS", "STATS_DASHBOARD_UI_SUBCOUNTS",
                                "STATS_DASHBOARD_COMPONENT_METRICS_REGISTRY", "STATS_DASHBOARD_LOCK_CONFIG"})
        r.child(mapping);  // shape checked: must be a mapping; contents are the blueprint's to validate
    out.blueprints = parseExtensionList(r, "STATS_DASHBOARD_BLUEPRINTS");
    // Hand the blueprint everything as given.
    Poco::Dynamic::Struct<std::string> all;
    for (const auto& key : r.keys()) all.insert(key, r.params(key).raw());
    out.all = Params(Poco::Dynamic::Var(all), r.file() + ": ");
}

void validateReferences(const Config& config) {
    std::set<std::string> plugins;
    for (const auto& p : config.plugins) plugins.insert(p.name);
    auto check = [&](const ExtensionRef& ref) {
        if (!plugins.count(ref.plugin))
            throw ConfigError(ref.keyPath + ".plugin", "plugin '" + ref.plugin + "' is not listed under plugins: in " +
                                                           config.configFile);
    };
    std::map<std::string, std::string> writers;  // index alias → aggregation writing it
    for (const auto& a : config.stats.aggregations) {
        check(a.extension);
        auto [it, fresh] = writers.emplace(a.templates, a.name);
        if (!fresh)
            throw ConfigError(a.extension.keyPath + ".templates",
                              "index '" + a.templates + "' is already written by aggregation '" + it->second + "'");
    }
    for (const auto& chain : config.stats.componentChains)
        for (const auto& ref : chain.second) check(ref);
    for (const auto& ref : config.dashboard.blueprints) check(ref);
}

}  // namespace statshost::config
