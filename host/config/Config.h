#pragma once
/// The host's typed configuration, parsed once at start-up from three YAML files:
///   statshost.yaml  — server, storage, plugins, tokens, schedule, paths, logging
///   stats.yaml      — STATS_EVENTS, STATS_AGGREGATIONS, STATS_QUERIES, COMMUNITY_STATS_*, service components
///   dashboard.yaml  — STATS_DASHBOARD_* (routes, templates, layout, UI config, enabled flags, blueprint)
/// Unknown keys and wrong types are errors naming the file and the key path. Environment variables
/// (STATSHOST_DB, STATSHOST_TOKENS, STATSHOST_BIND, STATSHOST_PORT, STATSHOST_LOG_LEVEL) override
/// after parsing. Every key and default is documented in docs/configuration.md.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "statshost/Params.h"

namespace statshost::config {

struct ServerConfig {
    std::string bind = "127.0.0.1";
    int port = 5000;
    int threads = 16;                        ///< HTTP worker threads (= max concurrent keep-alive clients)
    int maxQueued = 256;                     ///< connections waiting for a worker
    std::int64_t maxBodyBytes = 16 << 20;    ///< larger request bodies get 413
    int keepAliveTimeoutSeconds = 5;
    int requestTimeoutSeconds = 60;
    bool accessLog = true;
};

struct StorageConfig {
    std::string url = "sqlite:var/statshost.db";  ///< sqlite:PATH or postgresql://user:pw@host:port/db
    int poolSize = 8;
    int busyTimeoutMs = 10000;
};

/// A bearer token. Only the SHA-256 of the secret is kept in files; STATSHOST_TOKENS may give
/// plain secrets ("name:secret:scope,scope;...") which are hashed on load.
struct TokenConfig {
    std::string name;
    std::string sha256Hex;
    std::vector<std::string> scopes;  ///< ingest, admin, read-restricted
};

struct PluginFile {
    std::string name;  ///< key under `plugins:`
    std::string path;  ///< absolute after loading (relative paths resolve against the config file's folder)
};

/// Whether this `serve` process runs scheduled tasks at all. What is scheduled and how often is
/// stats.yaml's business (COMMUNITY_STATS_SCHEDULED_*_ENABLED, COMMUNITY_STATS_*_INTERVAL); several
/// processes may share one database, and the storage lock makes sure only one runs a task at a time.
struct ScheduleConfig {
    bool enabled = true;
};

struct PathsConfig {
    std::string templates = "../templates";  ///< resolved against the config file's folder
    std::string staticFiles = "";         ///< extra static directory served at /static (empty = none)
    std::string data = "data";            ///< shipped data files (COUNTER robots list, MDC machine list)
    std::string geoipV4 = "/usr/share/tor/geoip";    ///< IPv4 country ranges (Debian tor-geoipdb)
    std::string geoipV6 = "/usr/share/tor/geoip6";   ///< IPv6 country ranges (Debian tor-geoipdb)
    std::string geoipMmdb = "";                      ///< a MaxMind/DB-IP country .mmdb; replaces the ranges when set
    std::string isoCodes = "/usr/share/iso-codes/json/iso_3166-1.json";  ///< country codes and names (Debian iso-codes)
};

/// One extension object: the plugin (key of `plugins:`) and class inside it, plus its params.
struct ExtensionRef {
    std::string plugin;
    std::string className;
    Params params;
    std::string keyPath;  ///< where it was configured, for error messages ("stats.yaml: STATS_AGGREGATIONS.x")
};

struct AggregationConfig {
    std::string name;       ///< STATS_AGGREGATIONS key
    ExtensionRef extension;
    std::string templates;  ///< index alias the aggregation writes
};

struct StatsConfig {
    bool enabled = true;                                   ///< COMMUNITY_STATS_ENABLED
    bool scheduledAggregationEnabled = false;              ///< COMMUNITY_STATS_SCHEDULED_AGG_TASKS_ENABLED
    bool scheduledCacheEnabled = false;                    ///< COMMUNITY_STATS_SCHEDULED_CACHE_TASKS_ENABLED
    std::int64_t catchupInterval = 365;                    ///< COMMUNITY_STATS_CATCHUP_INTERVAL (days)
    std::int64_t topSubcountLimit = 20;                    ///< COMMUNITY_STATS_TOP_SUBCOUNT_LIMIT
    std::string publishedDateFloor = "1900-01-01";         ///< COMMUNITY_STATS_PUBLISHED_DATE_FLOOR
    std::int64_t aggregationIntervalSeconds = 3600;        ///< COMMUNITY_STATS_AGGREGATION_INTERVAL (seconds)
    std::int64_t cacheIntervalSeconds = 3600;              ///< COMMUNITY_STATS_CACHE_INTERVAL (seconds)
    std::string doubleClickMode = "fixed10s";              ///< COMMUNITY_STATS_DOUBLE_CLICK_MODE: fixed10s | counter30s
    bool viewEventsEnabled = true;                         ///< STATS_EVENTS.record-view.enabled
    bool downloadEventsEnabled = true;                     ///< STATS_EVENTS.file-download.enabled
    std::vector<AggregationConfig> aggregations;           ///< STATS_AGGREGATIONS, in file order
    Params queries;                                        ///< STATS_QUERIES
    Params subcounts;                                      ///< COMMUNITY_STATS_SUBCOUNTS
    Params lockConfig;                                     ///< STATS_DASHBOARD_LOCK_CONFIG
    /// Service component chains: RDM_RECORDS_SERVICE_COMPONENTS, RDM_RECORD_COMMUNITIES_SERVICE_COMPONENTS,
    /// REQUESTS_EVENTS_SERVICE_COMPONENTS, COMMUNITIES_SERVICE_COMPONENTS (key → ordered list).
    std::map<std::string, std::vector<ExtensionRef>> componentChains;
};

struct DashboardConfig {
    bool enabledGlobal = false;        ///< STATS_DASHBOARD_ENABLED_GLOBAL
    bool enabledCommunity = false;     ///< STATS_DASHBOARD_ENABLED_COMMUNITY
    bool communityOptIn = true;        ///< STATS_DASHBOARD_COMMUNITY_OPT_IN
    std::vector<ExtensionRef> blueprints;  ///< STATS_DASHBOARD_BLUEPRINTS
    /// Every STATS_DASHBOARD_* key of dashboard.yaml (including the ones above), as given, for the
    /// blueprint to interpret: ROUTES, API_ROUTES, TEMPLATES, LAYOUT, UI_CONFIG, DEFAULT_RANGE_OPTIONS, ...
    Params all;
};

struct Config {
    std::string configFile;   ///< absolute path of statshost.yaml
    std::string baseDir;      ///< its folder; relative paths resolve against it
    ServerConfig server;
    StorageConfig storage;
    std::vector<PluginFile> plugins;
    std::vector<TokenConfig> tokens;
    ScheduleConfig schedule;
    PathsConfig paths;
    std::string logLevel = "information";
    StatsConfig stats;
    DashboardConfig dashboard;
};

}  // namespace statshost::config
