// End to end through the real executable: help texts, exit codes, init/status/destroy, serve.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

#include "CliRunner.h"
#include "config/ConfigLoader.h"
#include "support/TestEnv.h"

using namespace statshost::test;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// A config folder using the fixture plugin: one aggregation, one blueprint.
struct Setup {
    TempDir dir;
    std::string config;
    std::string db;

    explicit Setup(const std::string& statsExtra = "", const std::string& pluginFile = "libfixture_good.so") {
        std::string plugins = STATSHOST_TEST_PLUGIN_DIR;
        std::ofstream(dir.file("statshost.yaml"))
            << "plugins:\n  fixture: " << plugins << "/" << pluginFile << "\n"
            << "paths:\n  data: " << STATSHOST_SOURCE_DIR << "/conf/data\n"
            << "tokens:\n  - {name: ops, sha256: " << statshost::config::sha256Hex("ops-secret-0123456789")
            << ", scopes: [admin]}\n";
        std::ofstream(dir.file("stats.yaml"))
            << "STATS_AGGREGATIONS:\n  fixture-agg: {plugin: fixture, class: FixtureAggregator, templates: "
               "stats-fixture, params: {days: 3}}\n"
            << statsExtra;
        std::ofstream(dir.file("dashboard.yaml"))
            << "STATS_DASHBOARD_BLUEPRINTS:\n  - {plugin: fixture, class: FixtureBlueprint, params: {greeting: hi}}\n";
        config = dir.file("statshost.yaml");
        db = "sqlite:" + dir.file("db.sqlite");
    }
    std::vector<std::string> global() const { return {"--config", config, "--db", db}; }
    std::vector<std::string> with(std::vector<std::string> extra) const {
        auto g = global();
        g.insert(g.end(), extra.begin(), extra.end());
        return g;
    }
};

}  // namespace

class CliTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CliTest);
    CPPUNIT_TEST(helpListsEveryCommand);
    CPPUNIT_TEST(everyCommandHasHelp);
    CPPUNIT_TEST(usageErrorsExitTwo);
    CPPUNIT_TEST(missingConfigExitsTwo);
    CPPUNIT_TEST(invalidConfigNamesKeyAndExitsTwo);
    CPPUNIT_TEST(brokenPluginNamesPluginAndFile);
    CPPUNIT_TEST(initRegistersTemplatesAndStatusShowsThem);
    CPPUNIT_TEST(destroyIndicesNeedsConfirmation);
    CPPUNIT_TEST(unreachableStorageExitsOne);
    CPPUNIT_TEST(tokenHashPrintsSha256);
    CPPUNIT_TEST(serveAnswersAndStopsOnSigterm);
    CPPUNIT_TEST(serveRefusesBadPluginConfig);
    CPPUNIT_TEST_SUITE_END();

public:
    void helpListsEveryCommand() {
        auto r = runStatshost({"--help"}, "");
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        for (const char* cmd : {"serve", "init", "status", "destroy-indices", "token-hash", "aggregate", "read",
                                "clear-bookmarks"})
            CPPUNIT_ASSERT_MESSAGE(cmd, contains(r.out, std::string("  ") + cmd));
        r = runStatshost({}, "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT(contains(r.err, "Usage: statshost"));
        r = runStatshost({"--version"}, "");
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        CPPUNIT_ASSERT(contains(r.out, "statshost 0."));
    }

    void everyCommandHasHelp() {
        for (const char* cmd : {"serve", "init", "status", "destroy-indices", "token-hash", "aggregate", "read",
                                "clear-bookmarks"}) {
            auto r = runStatshost({cmd, "--help"}, "");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(cmd, 0, r.exitCode);
            CPPUNIT_ASSERT_MESSAGE(cmd, contains(r.out, std::string("Usage: statshost")));
            CPPUNIT_ASSERT_MESSAGE(cmd, contains(r.out, "--help"));
        }
        auto r = runStatshost({"help", "status"}, "");
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        CPPUNIT_ASSERT(contains(r.out, "--json"));
    }

    void usageErrorsExitTwo() {
        auto r = runStatshost({"frobnicate"}, "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT(contains(r.err, "unknown command 'frobnicate'"));
        r = runStatshost({"status", "--jsn"}, "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT(contains(r.err, "unknown option '--jsn'"));
        CPPUNIT_ASSERT(contains(r.err, "Usage: statshost"));
        r = runStatshost({"--bogus", "status"}, "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        r = runStatshost({"status", "extra"}, "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT(contains(r.err, "unexpected argument 'extra'"));
        Setup s;
        r = runStatshost(s.with({"serve", "--port", "http"}), "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT(contains(r.err, "--port: expected a port number"));
    }

    void missingConfigExitsTwo() {
        TempDir empty;
        auto r = runStatshost({"status"}, empty.path());
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT(contains(r.err, "conf/statshost.yaml: configuration file not found"));
        r = runStatshost({"status"}, empty.path(), {{"STATSHOST_CONFIG", empty.file("x.yaml")}});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT(contains(r.err, "x.yaml: configuration file not found"));
    }

    void invalidConfigNamesKeyAndExitsTwo() {
        Setup s;
        std::ofstream(s.dir.file("dashboard.yaml")) << "STATS_DASHBOARD_ENABLED_GLOBAL: maybe\n";
        auto r = runStatshost(s.with({"status"}), "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "dashboard.yaml: STATS_DASHBOARD_ENABLED_GLOBAL: expected true or false"));
    }

    void brokenPluginNamesPluginAndFile() {
        Setup s("", "libfixture_wrong_abi.so");
        auto r = runStatshost(s.with({"status"}), "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "plugin 'fixture' (" + std::string(STATSHOST_TEST_PLUGIN_DIR) +
                                                          "/libfixture_wrong_abi.so): built for plugin ABI"));
    }

    void initRegistersTemplatesAndStatusShowsThem() {
        Setup s;
        auto r = runStatshost(s.with({"init"}), "");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT(contains(r.out, "1 index template registered"));
        r = runStatshost(s.with({"status", "--json"}), "");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "\"alias\": \"stats-fixture\""));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "\"name\": \"fixture-agg\""));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "\"backend\": \"sqlite\""));
        r = runStatshost(s.with({"status"}), "");
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "fixture-agg  fixture/FixtureAggregator -> stats-fixture"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "stats-fixture  years: -  documents: 0"));
        // init is idempotent
        CPPUNIT_ASSERT_EQUAL(0, runStatshost(s.with({"init"}), "").exitCode);
    }

    void destroyIndicesNeedsConfirmation() {
        Setup s;
        CPPUNIT_ASSERT_EQUAL(0, runStatshost(s.with({"init"}), "").exitCode);
        auto r = runStatshost(s.with({"destroy-indices"}), "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT(contains(r.err, "--yes-i-know"));
        r = runStatshost(s.with({"destroy-indices", "--yes-i-know"}), "");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        r = runStatshost(s.with({"status", "--json"}), "");
        CPPUNIT_ASSERT_MESSAGE(r.out, !contains(r.out, "\"alias\": \"stats-fixture\""));
    }

    void unreachableStorageExitsOne() {
        Setup s;
        auto r = runStatshost({"--config", s.config, "--db", "postgresql://nobody@127.0.0.1:1/none", "status"}, "");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 1, r.exitCode);
        CPPUNIT_ASSERT(contains(r.err, "statshost: error:"));
    }

    void tokenHashPrintsSha256() {
        auto r = runStatshost({"token-hash", "0123456789abcdefXYZ"}, "");
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        CPPUNIT_ASSERT_EQUAL(statshost::config::sha256Hex("0123456789abcdefXYZ") + "\n", r.out);
        r = runStatshost({"token-hash"}, "", {}, "from-stdin-secret-123\n");
        CPPUNIT_ASSERT_EQUAL(statshost::config::sha256Hex("from-stdin-secret-123") + "\n", r.out);
        r = runStatshost({"token-hash", "short"}, "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
    }

    void serveAnswersAndStopsOnSigterm() {
        Setup s;
        ServeProcess server(s.global(), "");
        auto health = httpRequest(server.port(), "GET", "/healthz");
        CPPUNIT_ASSERT_EQUAL(200, health.first);
        CPPUNIT_ASSERT(contains(health.second, "\"status\":\"ok\""));
        // The fixture blueprint's route, configured with params merged over STATS_DASHBOARD_*.
        auto hello = httpRequest(server.port(), "GET", "/fixture/hello");
        CPPUNIT_ASSERT_EQUAL(200, hello.first);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"hello\":\"hi\"}"), hello.second);
        // Its query through /api/stats.
        auto stats = httpRequest(server.port(), "POST", "/api/stats",
                                 R"({"a": {"stat": "fixture-echo", "params": {"word": "x\"y"}}})");
        CPPUNIT_ASSERT_EQUAL(200, stats.first);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"a\":{\"word\":\"x\"y\"}}"), stats.second);
        auto bad = httpRequest(server.port(), "POST", "/api/stats", R"({"a": {"stat": "nope"}})");
        CPPUNIT_ASSERT_EQUAL(400, bad.first);
        CPPUNIT_ASSERT(contains(bad.second, "a.stat: unknown query 'nope'"));
        bad = httpRequest(server.port(), "POST", "/api/stats", "{not json");
        CPPUNIT_ASSERT_EQUAL(400, bad.first);
        auto metrics = httpRequest(server.port(), "GET", "/metrics");
        CPPUNIT_ASSERT(contains(metrics.second, "statshost_http_requests_total{route=\"fixture.hello\",method=\"GET\",status=\"200\"} 1"));
        CPPUNIT_ASSERT_EQUAL(0, server.terminate());
        CPPUNIT_ASSERT_MESSAGE(server.log(), contains(server.log(), "termination requested"));
        CPPUNIT_ASSERT_MESSAGE(server.log(), contains(server.log(), "GET /fixture/hello 200"));
    }

    void serveRefusesBadPluginConfig() {
        Setup s;
        std::ofstream(s.dir.file("stats.yaml"))
            << "STATS_AGGREGATIONS:\n  fixture-agg: {plugin: fixture, class: FixtureAggregator, templates: s, params: {days: lots}}\n";
        auto r = runStatshost(s.with({"serve", "--port", "0"}), "");
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "stats.yaml: STATS_AGGREGATIONS.fixture-agg.params.days: expected an integer"));
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "plugin 'fixture'"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CliTest);
