#include <cppunit/extensions/HelperMacros.h>

#include "config/ConfigLoader.h"
#include "ConfigFiles.h"

using namespace statshost;
using statshost::test::ConfigFiles;

namespace {

/// Loads the files and returns the ConfigError message ("" when loading succeeded).
std::string loadError(const ConfigFiles& files, const config::Environment& env = {}) {
    try {
        config::loadConfig(files.write(), env);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

class ConfigLoaderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ConfigLoaderTest);
    CPPUNIT_TEST(shippedConfigLoadsWithDefaults);
    CPPUNIT_TEST(defaultsWhenSectionsAbsent);
    CPPUNIT_TEST(unknownTopLevelKeyNamesFileAndKey);
    CPPUNIT_TEST(unknownNestedKeyNamesPath);
    CPPUNIT_TEST(wrongTypesAreErrors);
    CPPUNIT_TEST(outOfRangeIntegersAreErrors);
    CPPUNIT_TEST(yamlSyntaxErrorNamesLine);
    CPPUNIT_TEST(duplicateKeysAreErrors);
    CPPUNIT_TEST(missingIncludedFileIsNamed);
    CPPUNIT_TEST(unknownStatsAndDashboardKeys);
    CPPUNIT_TEST(aggregationsParsedInFileOrder);
    CPPUNIT_TEST(aggregationNeedsListedPlugin);
    CPPUNIT_TEST(aggregationNeedsPluginClassAndTemplates);
    CPPUNIT_TEST(twoAggregationsCannotWriteOneIndex);
    CPPUNIT_TEST(componentChainsAndBlueprints);
    CPPUNIT_TEST(tokensValidated);
    CPPUNIT_TEST(relativePathsResolveAgainstConfigFolder);
    CPPUNIT_TEST(storageUrlSchemeChecked);
    CPPUNIT_TEST_SUITE_END();

public:
    void shippedConfigLoadsWithDefaults() {
        auto cfg = config::loadConfig(std::string(STATSHOST_SOURCE_DIR) + "/conf/statshost.yaml", {});
        CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), cfg.server.bind);
        CPPUNIT_ASSERT_EQUAL(5000, cfg.server.port);
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite:") + STATSHOST_SOURCE_DIR + "/var/statshost.db", cfg.storage.url);
        CPPUNIT_ASSERT(cfg.stats.enabled);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(365), cfg.stats.catchupInterval);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(20), cfg.stats.topSubcountLimit);
        CPPUNIT_ASSERT_EQUAL(std::string("/stats"), cfg.dashboard.all.child("STATS_DASHBOARD_ROUTES").getString("global", ""));
        CPPUNIT_ASSERT_EQUAL(std::string(STATSHOST_SOURCE_DIR) + "/templates", cfg.paths.templates);
    }

    void defaultsWhenSectionsAbsent() {
        ConfigFiles f;
        f.main = "";
        f.stats = "";
        f.dashboard = "";
        auto cfg = config::loadConfig(f.write(), {});
        CPPUNIT_ASSERT_EQUAL(5000, cfg.server.port);
        CPPUNIT_ASSERT_EQUAL(16, cfg.server.threads);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(16 << 20), cfg.server.maxBodyBytes);
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite:") + f.dir.path() + "/var/statshost.db", cfg.storage.url);
        CPPUNIT_ASSERT_EQUAL(std::string("information"), cfg.logLevel);
        CPPUNIT_ASSERT(cfg.plugins.empty());
        CPPUNIT_ASSERT(cfg.stats.aggregations.empty());
        CPPUNIT_ASSERT(!cfg.stats.scheduledAggregationEnabled);
        CPPUNIT_ASSERT(!cfg.dashboard.enabledGlobal);
        CPPUNIT_ASSERT(cfg.dashboard.communityOptIn);
        CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01"), cfg.stats.publishedDateFloor);
    }

    void unknownTopLevelKeyNamesFileAndKey() {
        ConfigFiles f;
        f.main = "server:\n  port: 5000\nstorag:\n  url: sqlite:x.db\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "statshost.yaml: storag: unknown key"));
    }

    void unknownNestedKeyNamesPath() {
        ConfigFiles f;
        f.main = "server:\n  prot: 5000\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "statshost.yaml: server.prot: unknown key"));
    }

    void wrongTypesAreErrors() {
        ConfigFiles f;
        f.main = "server:\n  port: http\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "server.port: expected an integer, got 'http'"));
        f.main = "server:\n  access_log: yes\n";  // YAML 1.2: 'yes' is not a boolean
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "server.access_log: expected true or false"));
        f.main = "server:\n  bind: [a, b]\n";
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "server.bind: expected a single value"));
        f.main = "server: 5\n";
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "server: expected a mapping"));
        f.main = "";
        f.stats = "COMMUNITY_STATS_CATCHUP_INTERVAL: \"365\"\n";  // quoted: a string, not an integer
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "stats.yaml: COMMUNITY_STATS_CATCHUP_INTERVAL: expected an integer"));
        f.stats = "COMMUNITY_STATS_PUBLISHED_DATE_FLOOR: \"1900-13-01\"\n";
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "COMMUNITY_STATS_PUBLISHED_DATE_FLOOR: expected YYYY-MM-DD"));
    }

    void outOfRangeIntegersAreErrors() {
        ConfigFiles f;
        f.main = "server:\n  port: 70000\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "server.port: must be between 0 and 65535, got 70000"));
        f.main = "server:\n  threads: 0\n";
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "server.threads: must be between 1"));
        f.main = "server:\n  port: 99999999999999999999999\n";
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "server.port: integer out of range"));
    }

    void yamlSyntaxErrorNamesLine() {
        ConfigFiles f;
        f.main = "server:\n  port: 5000\n bind: [oops\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "statshost.yaml:3:"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "YAML syntax error"));
    }

    void duplicateKeysAreErrors() {
        ConfigFiles f;
        f.main = "server:\n  port: 5000\n  port: 5001\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "server.port: duplicate key"));
        f.main = "";
        f.stats = "STATS_QUERIES:\n  a: {x: 1, x: 2}\n";
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "STATS_QUERIES.a.x: duplicate key"));
    }

    void missingIncludedFileIsNamed() {
        ConfigFiles f;
        f.main = "include:\n  stats: nowhere.yaml\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "nowhere.yaml: cannot read the file"));
    }

    void unknownStatsAndDashboardKeys() {
        ConfigFiles f;
        f.stats = "COMMUNITY_STATS_ENABLD: true\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "stats.yaml: COMMUNITY_STATS_ENABLD: unknown key"));
        f.stats = "";
        f.dashboard = "STATS_DASHBOARD_ROUTE: {}\n";
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "dashboard.yaml: STATS_DASHBOARD_ROUTE: unknown key"));
        f.dashboard = "STATS_DASHBOARD_ROUTES: /stats\n";
        err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "dashboard.yaml: STATS_DASHBOARD_ROUTES: expected a mapping"));
    }

    void aggregationsParsedInFileOrder() {
        ConfigFiles f;
        f.main = "plugins:\n  aggs: libaggs.so\n";
        f.stats =
            "STATS_AGGREGATIONS:\n"
            "  zeta-agg: {plugin: aggs, class: Z, templates: stats-z, params: {days: 3, tag: \"007\", on: true}}\n"
            "  alpha-agg: {plugin: aggs, class: A, templates: stats-a}\n";
        auto cfg = config::loadConfig(f.write(), {});
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), cfg.stats.aggregations.size());
        const auto& z = cfg.stats.aggregations[0];
        CPPUNIT_ASSERT_EQUAL(std::string("zeta-agg"), z.name);
        CPPUNIT_ASSERT_EQUAL(std::string("Z"), z.extension.className);
        CPPUNIT_ASSERT_EQUAL(std::string("stats-z"), z.templates);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), z.extension.params.getInt("days", 0));
        CPPUNIT_ASSERT_EQUAL(std::string("007"), z.extension.params.getString("tag", ""));
        CPPUNIT_ASSERT(z.extension.params.getBool("on", false));
        CPPUNIT_ASSERT_EQUAL(std::string("alpha-agg"), cfg.stats.aggregations[1].name);
        CPPUNIT_ASSERT_EQUAL(f.dir.path() + "/libaggs.so", cfg.plugins[0].path);
    }

    void aggregationNeedsListedPlugin() {
        ConfigFiles f;
        f.stats = "STATS_AGGREGATIONS:\n  a-agg: {plugin: missing, class: A, templates: stats-a}\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "stats.yaml: STATS_AGGREGATIONS.a-agg.plugin"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "plugin 'missing' is not listed under plugins:"));
    }

    void aggregationNeedsPluginClassAndTemplates() {
        ConfigFiles f;
        f.main = "plugins:\n  p: p.so\n";
        f.stats = "STATS_AGGREGATIONS:\n  a-agg: {plugin: p, templates: stats-a}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "STATS_AGGREGATIONS.a-agg.class: missing"));
        f.stats = "STATS_AGGREGATIONS:\n  a-agg: {plugin: p, class: A}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "STATS_AGGREGATIONS.a-agg.templates: missing"));
        f.stats = "STATS_AGGREGATIONS:\n  a-agg: {plugin: p, class: A, templates: stats-a, cls: B}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "STATS_AGGREGATIONS.a-agg.cls: unknown key"));
        f.stats = "STATS_AGGREGATIONS:\n  A_Agg: {plugin: p, class: A, templates: stats-a}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "STATS_AGGREGATIONS.A_Agg: aggregation names use lower-case"));
        f.stats = "STATS_AGGREGATIONS:\n  a: {plugin: p, class: A, templates: \"stats a\"}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "STATS_AGGREGATIONS.a.templates: index names use"));
    }

    void twoAggregationsCannotWriteOneIndex() {
        ConfigFiles f;
        f.main = "plugins:\n  p: p.so\n";
        f.stats =
            "STATS_AGGREGATIONS:\n  a: {plugin: p, class: A, templates: stats-x}\n"
            "  b: {plugin: p, class: B, templates: stats-x}\n";
        auto err = loadError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "STATS_AGGREGATIONS.b.templates: index 'stats-x' is already written by aggregation 'a'"));
    }

    void componentChainsAndBlueprints() {
        ConfigFiles f;
        f.main = "plugins:\n  c: {path: /opt/c.so}\n";
        f.stats = "RDM_RECORDS_SERVICE_COMPONENTS:\n  - {plugin: c, class: One}\n  - {plugin: c, class: Two, params: {x: 1}}\n";
        f.dashboard = "STATS_DASHBOARD_BLUEPRINTS:\n  - {plugin: c, class: Dash}\nSTATS_DASHBOARD_ROUTES: {global: /s}\n";
        auto cfg = config::loadConfig(f.write(), {});
        const auto& chain = cfg.stats.componentChains.at("RDM_RECORDS_SERVICE_COMPONENTS");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), chain.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Two"), chain[1].className);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), chain[1].params.getInt("x", 0));
        CPPUNIT_ASSERT(cfg.stats.componentChains.at("REQUESTS_EVENTS_SERVICE_COMPONENTS").empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), cfg.dashboard.blueprints.size());
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/c.so"), cfg.plugins[0].path);
        f.stats = "RDM_RECORDS_SERVICE_COMPONENTS: {plugin: c, class: One}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "RDM_RECORDS_SERVICE_COMPONENTS: expected a list"));
        f.stats = "RDM_RECORDS_SERVICE_COMPONENTS:\n  - {plugin: nope, class: One}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "RDM_RECORDS_SERVICE_COMPONENTS[0].plugin"));
    }

    void tokensValidated() {
        ConfigFiles f;
        std::string hash = config::sha256Hex("a-long-enough-secret");
        f.main = "tokens:\n  - {name: ops, sha256: " + hash + ", scopes: [ingest, admin]}\n";
        auto cfg = config::loadConfig(f.write(), {});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), cfg.tokens.size());
        CPPUNIT_ASSERT_EQUAL(hash, cfg.tokens[0].sha256Hex);
        f.main = "tokens:\n  - {name: ops, sha256: abc, scopes: [ingest]}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "tokens[0].sha256: expected 64 lower-case hex digits"));
        f.main = "tokens:\n  - {name: ops, sha256: " + hash + ", scopes: [root]}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "tokens[0].scopes: unknown scope 'root'"));
        f.main = "tokens:\n  - {name: ops, sha256: " + hash + ", scopes: []}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "tokens[0].scopes: a token needs at least one scope"));
        f.main = "tokens:\n  - {name: a, sha256: " + hash + ", scopes: [admin]}\n  - {name: a, sha256: " + hash +
                 ", scopes: [admin]}\n";
        CPPUNIT_ASSERT(contains(loadError(f), "tokens[1].name: duplicate token name 'a'"));
    }

    void relativePathsResolveAgainstConfigFolder() {
        ConfigFiles f;
        f.main = "storage:\n  url: sqlite:data/x.db\npaths:\n  templates: tpl\n";
        auto cfg = config::loadConfig(f.write(), {});
        CPPUNIT_ASSERT_EQUAL("sqlite:" + f.dir.path() + "/data/x.db", cfg.storage.url);
        CPPUNIT_ASSERT_EQUAL(f.dir.path() + "/tpl", cfg.paths.templates);
    }

    void storageUrlSchemeChecked() {
        ConfigFiles f;
        f.main = "storage:\n  url: mysql://x\n";
        CPPUNIT_ASSERT(contains(loadError(f), "storage.url: expected sqlite:PATH or postgresql://"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConfigLoaderTest);
