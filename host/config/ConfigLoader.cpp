#include "config/ConfigLoader.h"

#include <cctype>
#include <cstdlib>
#include <regex>
#include <set>

#include <Poco/DigestEngine.h>
#include <Poco/Path.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include "config/SectionParsers.h"
#include "config/YamlReader.h"

extern char** environ;

namespace statshost::config {

namespace {

std::string resolve(const std::string& baseDir, const std::string& path) {
    if (path.empty()) return path;
    Poco::Path p(path);
    if (p.isAbsolute()) return p.toString();
    return Poco::Path(baseDir).resolve(p).toString();
}

const std::set<std::string> kLogLevels = {"fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"};

}  // namespace

bool isKnownScope(const std::string& scope) {
    return scope == "ingest" || scope == "admin" || scope == "read-restricted";
}

std::string sha256Hex(const std::string& secret) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(secret);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

Environment processEnvironment() {
    Environment env;
    for (char** e = environ; e && *e; ++e) {
        std::string kv(*e);
        auto eq = kv.find('=');
        if (eq != std::string::npos && kv.rfind("STATSHOST_", 0) == 0) env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    return env;
}

std::vector<TokenConfig> parseTokenList(const std::string& text) {
    std::vector<TokenConfig> out;
    Poco::StringTokenizer entries(text, ";", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& entry : entries) {
        auto first = entry.find(':');
        auto last = entry.rfind(':');
        if (first == std::string::npos || first == last)
            throw ConfigError("STATSHOST_TOKENS", "each entry must be name:secret:scope[,scope...]");
        TokenConfig t;
        t.name = entry.substr(0, first);
        std::string secret = entry.substr(first + 1, last - first - 1);
        if (t.name.empty() || secret.size() < 16)
            throw ConfigError("STATSHOST_TOKENS", "token '" + t.name + "' needs a name and a secret of at least 16 characters");
        t.sha256Hex = sha256Hex(secret);
        Poco::StringTokenizer scopes(entry.substr(last + 1), ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        for (const auto& s : scopes) {
            if (!isKnownScope(s)) throw ConfigError("STATSHOST_TOKENS", "token '" + t.name + "': unknown scope '" + s + "'");
            t.scopes.push_back(s);
        }
        if (t.scopes.empty()) throw ConfigError("STATSHOST_TOKENS", "token '" + t.name + "' has no scope");
        out.push_back(t);
    }
    return out;
}

void applyEnvironment(Config& config, const Environment& env) {
    auto get = [&](const char* name) -> const std::string* {
        auto it = env.find(name);
        return it == env.end() || it->second.empty() ? nullptr : &it->second;
    };
    if (auto v = get("STATSHOST_DB")) config.storage.url = *v;
    if (auto v = get("STATSHOST_BIND")) config.server.bind = *v;
    if (auto v = get("STATSHOST_PORT")) {
        if (!std::regex_match(*v, std::regex("[0-9]{1,5}")) || std::stoi(*v) > 65535)
            throw ConfigError("STATSHOST_PORT", "expected a port number, got '" + *v + "'");
        config.server.port = std::stoi(*v);
    }
    if (auto v = get("STATSHOST_LOG_LEVEL")) {
        if (!kLogLevels.count(*v)) throw ConfigError("STATSHOST_LOG_LEVEL", "unknown level '" + *v + "'");
        config.logLevel = *v;
    }
    if (auto v = get("STATSHOST_TOKENS")) {
        for (auto& t : parseTokenList(*v)) {
            bool replaced = false;
            for (auto& existing : config.tokens)
                if (existing.name == t.name) existing = t, replaced = true;
            if (!replaced) config.tokens.push_back(t);
        }
    }
}

Config loadConfig(const std::string& statshostYaml, const Environment& env) {
    Config config;
    Poco::Path file(statshostYaml);
    file.makeAbsolute();
    config.configFile = file.toString();
    config.baseDir = file.parent().toString();
    const std::string name = file.getFileName();

    YamlReader top(loadYamlFile(config.configFile), name, "");
    parseServer(top.child("server"), config.server);
    parseStorage(top.child("storage"), config.storage);
    config.plugins = parsePlugins(top.child("plugins"));
    config.tokens = parseTokens(top, "tokens");
    parseSchedule(top.child("schedule"), config.schedule);
    auto paths = top.child("paths");
    config.paths.templates = resolve(config.baseDir, paths.string("templates", "../templates"));
    config.paths.staticFiles = resolve(config.baseDir, paths.string("static", ""));
    config.paths.data = resolve(config.baseDir, paths.string("data", "data"));
    config.paths.geoipV4 = resolve(config.baseDir, paths.string("geoip_v4", config.paths.geoipV4));
    config.paths.geoipV6 = resolve(config.baseDir, paths.string("geoip_v6", config.paths.geoipV6));
    config.paths.geoipMmdb = resolve(config.baseDir, paths.string("geoip_mmdb", ""));
    config.paths.isoCodes = resolve(config.baseDir, paths.string("iso_codes", config.paths.isoCodes));
    paths.finish();
    auto logging = top.child("logging");
    config.logLevel = logging.string("level", config.logLevel);
    if (!kLogLevels.count(config.logLevel)) logging.fail("level", "unknown level '" + config.logLevel + "'");
    logging.finish();
    auto includes = top.child("include");
    std::string statsFile = resolve(config.baseDir, includes.string("stats", "stats.yaml"));
    std::string dashboardFile = resolve(config.baseDir, includes.string("dashboard", "dashboard.yaml"));
    includes.finish();
    top.finish();

    for (auto& p : config.plugins) p.path = resolve(config.baseDir, p.path);
    if (config.storage.url.rfind("sqlite:", 0) == 0) {
        std::string path = config.storage.url.substr(7);
        // A relative SQLite path in the file is relative to the file's folder (like every path there);
        // one given by STATSHOST_DB or --db stays relative to the current directory.
        if (!path.empty() && path[0] != '/') config.storage.url = "sqlite:" + resolve(config.baseDir, path);
    }

    YamlReader stats(loadYamlFile(statsFile), Poco::Path(statsFile).getFileName(), "");
    parseStats(stats, config.stats);
    stats.finish();
    YamlReader dashboard(loadYamlFile(dashboardFile), Poco::Path(dashboardFile).getFileName(), "");
    parseDashboard(dashboard, config.dashboard);
    dashboard.finish();

    applyEnvironment(config, env);
    validateReferences(config);
    return config;
}

}  // namespace statshost::config
