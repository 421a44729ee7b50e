// Creating and configuring configured extensions, and rejecting duplicates across blueprints.
#include <cppunit/extensions/HelperMacros.h>

#include "../config/ConfigFiles.h"
#include "config/ConfigLoader.h"
#include "plugins/BlueprintRegistrations.h"
#include "plugins/ExtensionRegistry.h"

using namespace statshost;

namespace {

std::string pluginsBlock() {
    std::string dir = STATSHOST_TEST_PLUGIN_DIR;
    return "plugins:\n  good: " + dir + "/libfixture_good.so\n  dup: " + dir + "/libfixture_duplicate.so\n";
}

std::string registryError(const test::ConfigFiles& f) {
    try {
        auto cfg = config::loadConfig(f.write(), {});
        plugins::ExtensionRegistry::load(cfg);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

class ExtensionRegistryTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ExtensionRegistryTest);
    CPPUNIT_TEST(configuredExtensionsAreCreatedInOrder);
    CPPUNIT_TEST(badParamsNameKeyPluginAndFile);
    CPPUNIT_TEST(unknownParamKeyIsAnError);
    CPPUNIT_TEST(pluginExceptionInConfigureIsContained);
    CPPUNIT_TEST(missingPluginFileFailsStartUp);
    CPPUNIT_TEST(duplicateRouteAcrossBlueprints);
    CPPUNIT_TEST(duplicateQueryAcrossBlueprints);
    CPPUNIT_TEST(registrationsValidateShapes);
    CPPUNIT_TEST_SUITE_END();

public:
    void configuredExtensionsAreCreatedInOrder() {
        test::ConfigFiles f;
        f.main = pluginsBlock();
        f.stats =
            "STATS_AGGREGATIONS:\n"
            "  second-agg: {plugin: good, class: FixtureAggregator, templates: stats-b, params: {days: 2}}\n"
            "  first-agg: {plugin: good, class: FixtureAggregator, templates: stats-a}\n"
            "RDM_RECORDS_SERVICE_COMPONENTS:\n  - {plugin: good, class: FixtureComponent}\n";
        auto reg = plugins::ExtensionRegistry::load(config::loadConfig(f.write(), {}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), reg->aggregators().size());
        CPPUNIT_ASSERT_EQUAL(std::string("second-agg"), reg->aggregators()[0].config.name);
        CPPUNIT_ASSERT_EQUAL(std::string("stats-b"), reg->aggregators()[0].object->indexTemplates()[0].alias);
        CPPUNIT_ASSERT(reg->aggregator("first-agg") != nullptr);
        CPPUNIT_ASSERT(reg->aggregator("nope") == nullptr);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), reg->chain("RDM_RECORDS_SERVICE_COMPONENTS").size());
        CPPUNIT_ASSERT(reg->chain("COMMUNITIES_SERVICE_COMPONENTS").empty());
    }

    void badParamsNameKeyPluginAndFile() {
        test::ConfigFiles f;
        f.main = pluginsBlock();
        f.stats = "STATS_AGGREGATIONS:\n  fix-agg: {plugin: good, class: FixtureAggregator, templates: s, params: {days: many}}\n";
        auto err = registryError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "stats.yaml: STATS_AGGREGATIONS.fix-agg.params.days: expected an integer"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "plugin 'good' (" + std::string(STATSHOST_TEST_PLUGIN_DIR) + "/libfixture_good.so)"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "class FixtureAggregator"));
        f.stats = "STATS_AGGREGATIONS:\n  fix-agg: {plugin: good, class: FixtureAggregator, templates: s, params: {days: 0}}\n";
        err = registryError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "STATS_AGGREGATIONS.fix-agg.params.days: must be at least 1"));
    }

    void unknownParamKeyIsAnError() {
        test::ConfigFiles f;
        f.main = pluginsBlock();
        f.stats = "STATS_AGGREGATIONS:\n  fix-agg: {plugin: good, class: FixtureAggregator, templates: s, params: {dayz: 1}}\n";
        auto err = registryError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "STATS_AGGREGATIONS.fix-agg.params.dayz: unknown key"));
    }

    void pluginExceptionInConfigureIsContained() {
        test::ConfigFiles f;
        f.main = pluginsBlock();
        f.stats = "STATS_AGGREGATIONS:\n  bad-agg: {plugin: good, class: FailingAggregator, templates: s}\n";
        auto err = registryError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "STATS_AGGREGATIONS.bad-agg: configuration rejected: fixture refuses to start"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "plugin 'good'"));
    }

    void missingPluginFileFailsStartUp() {
        test::ConfigFiles f;
        f.main = "plugins:\n  gone: libgone.so\n";
        auto err = registryError(f);
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "plugin 'gone' (" + f.dir.path() + "/libgone.so): file not found"));
    }

    void duplicateRouteAcrossBlueprints() {
        plugins::BlueprintRegistrations regs;
        regs.setOwner("good/FixtureBlueprint");
        regs.addRoute({"GET", "/fixture/hello", Permission::Public, [](const Request&) { return Response{}; }, ""});
        regs.setOwner("dup/DuplicateBlueprint");
        try {
            regs.addRoute({"GET", "/fixture/hello", Permission::Public, [](const Request&) { return Response{}; }, ""});
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_MESSAGE(e.what(), contains(e.what(), "dup/DuplicateBlueprint: duplicate route 'GET /fixture/hello' (already registered by good/FixtureBlueprint)"));
        }
        // Another method on the same path is fine.
        regs.addRoute({"POST", "/fixture/hello", Permission::Ingest, [](const Request&) { return Response{}; }, ""});
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), regs.routes().size());
    }

    void duplicateQueryAcrossBlueprints() {
        plugins::BlueprintRegistrations regs;
        regs.setOwner("a");
        regs.addQuery("q", [](const Params&, const Caller&) { return std::string("{}"); });
        regs.setOwner("b");
        CPPUNIT_ASSERT_THROW(regs.addQuery("q", [](const Params&, const Caller&) { return std::string("{}"); }), ConfigError);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), regs.queries().size());
    }

    void registrationsValidateShapes() {
        plugins::BlueprintRegistrations regs;
        regs.setOwner("x");
        CPPUNIT_ASSERT_THROW(regs.addRoute({"GET", "no-slash", Permission::Public, [](const Request&) { return Response{}; }, ""}), ConfigError);
        CPPUNIT_ASSERT_THROW(regs.addRoute({"GET", "/x", Permission::Public, nullptr, ""}), ConfigError);
        CPPUNIT_ASSERT_THROW(regs.addTemplate("t", "../../etc/passwd"), ConfigError);
        CPPUNIT_ASSERT_THROW(regs.addTemplate("t", "/abs.html"), ConfigError);
        regs.addTemplate("t", "page.html");
        CPPUNIT_ASSERT_THROW(regs.addTemplate("t", "other.html"), ConfigError);
        regs.addStaticDirectory("/static/x", "/tmp");
        CPPUNIT_ASSERT_THROW(regs.addStaticDirectory("/static/x", "/var"), ConfigError);
        CPPUNIT_ASSERT_THROW(regs.addStaticDirectory("static", "/var"), ConfigError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ExtensionRegistryTest);
