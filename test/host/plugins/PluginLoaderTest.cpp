// The loader's failure paths first: each must fail start-up naming the plugin and its file.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

#include "plugins/PluginLoader.h"
#include "statshost/Abi.h"
#include "support/TestEnv.h"

using namespace statshost;

namespace {

std::string fixture(const std::string& name) { return std::string(STATSHOST_TEST_PLUGIN_DIR) + "/lib" + name + ".so"; }

std::string loadError(plugins::PluginLoader& loader, const std::string& name, const std::string& path) {
    try {
        loader.load({name, path});
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

config::ExtensionRef ref(const std::string& plugin, const std::string& cls) {
    config::ExtensionRef r;
    r.plugin = plugin;
    r.className = cls;
    r.keyPath = "stats.yaml: STATS_AGGREGATIONS.x";
    return r;
}

}  // namespace

class PluginLoaderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PluginLoaderTest);
    CPPUNIT_TEST(missingFileIsNamed);
    CPPUNIT_TEST(directoryIsRejected);
    CPPUNIT_TEST(textFileIsNotALibrary);
    CPPUNIT_TEST(libraryWithoutAbiIsNotAPlugin);
    CPPUNIT_TEST(wrongAbiRefusedBeforeAnyClassIsCreated);
    CPPUNIT_TEST(pluginWithoutManifestIsRejected);
    CPPUNIT_TEST(sameFileTwiceIsRejected);
    CPPUNIT_TEST(goodPluginExportsThreeExtensionPoints);
    CPPUNIT_TEST(unknownClassListsWhatExists);
    CPPUNIT_TEST(missingExtensionPointIsNamed);
    CPPUNIT_TEST(createdObjectsWork);
    CPPUNIT_TEST_SUITE_END();

public:
    void missingFileIsNamed() {
        plugins::PluginLoader loader;
        auto err = loadError(loader, "aggs", "/nonexistent/libaggs.so");
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "plugins.aggs"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "plugin 'aggs' (/nonexistent/libaggs.so): file not found"));
    }

    void directoryIsRejected() {
        plugins::PluginLoader loader;
        test::TempDir dir;
        auto err = loadError(loader, "d", dir.path());
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "not a regular file"));
    }

    void textFileIsNotALibrary() {
        test::TempDir dir;
        std::ofstream(dir.file("libfake.so")) << "this is not an ELF file\n";
        plugins::PluginLoader loader;
        auto err = loadError(loader, "fake", dir.file("libfake.so"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "plugin 'fake' (" + dir.file("libfake.so") + "): not a loadable shared library"));
    }

    void libraryWithoutAbiIsNotAPlugin() {
        plugins::PluginLoader loader;
        auto err = loadError(loader, "noabi", fixture("fixture_no_abi"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "not a statshost plugin (no statshost_abi_version symbol)"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, fixture("fixture_no_abi")));
    }

    void wrongAbiRefusedBeforeAnyClassIsCreated() {
        plugins::PluginLoader loader;
        auto err = loadError(loader, "old", fixture("fixture_wrong_abi"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "built for plugin ABI " + std::to_string(kAbiVersion + 1000)));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "needs ABI " + std::to_string(kAbiVersion)));
        // Nothing of it is registered: asking for its class is "not loaded", not a constructor failure.
        try {
            loader.createAggregator(ref("old", "NeverCreated"));
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_MESSAGE(e.what(), contains(e.what(), "plugin 'old' is not loaded"));
        }
    }

    void pluginWithoutManifestIsRejected() {
        plugins::PluginLoader loader;
        auto err = loadError(loader, "empty", fixture("fixture_no_manifest"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "exports no extension point"));
    }

    void sameFileTwiceIsRejected() {
        plugins::PluginLoader loader;
        loader.load({"one", fixture("fixture_good")});
        auto err = loadError(loader, "two", fixture("fixture_good"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "already loaded as plugin 'one'"));
        err = loadError(loader, "one", fixture("fixture_duplicate"));
        CPPUNIT_ASSERT_MESSAGE(err, contains(err, "configured twice"));
    }

    void goodPluginExportsThreeExtensionPoints() {
        plugins::PluginLoader loader;
        loader.load({"good", fixture("fixture_good")});
        auto points = loader.extensionPoints("good");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), points.size());
        CPPUNIT_ASSERT(points.count("Aggregator") && points.count("ServiceComponent") && points.count("Blueprint"));
        auto aggs = loader.classes("good", "Aggregator");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), aggs.size());
        CPPUNIT_ASSERT(aggs.count("FixtureAggregator") && aggs.count("FailingAggregator"));
        CPPUNIT_ASSERT_EQUAL(fixture("fixture_good"), loader.pathOf("good"));
    }

    void unknownClassListsWhatExists() {
        plugins::PluginLoader loader;
        loader.load({"good", fixture("fixture_good")});
        try {
            loader.createAggregator(ref("good", "NoSuchAggregator"));
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            std::string m = e.what();
            CPPUNIT_ASSERT_MESSAGE(m, contains(m, "stats.yaml: STATS_AGGREGATIONS.x.class"));
            CPPUNIT_ASSERT_MESSAGE(m, contains(m, "has no Aggregator class 'NoSuchAggregator'"));
            CPPUNIT_ASSERT_MESSAGE(m, contains(m, "FailingAggregator, FixtureAggregator"));
        }
    }

    void missingExtensionPointIsNamed() {
        plugins::PluginLoader loader;
        loader.load({"dup", fixture("fixture_duplicate")});
        try {
            loader.createAggregator(ref("dup", "DuplicateBlueprint"));
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_MESSAGE(e.what(), contains(e.what(), "exports no Aggregator classes"));
        }
    }

    void createdObjectsWork() {
        plugins::PluginLoader loader;
        loader.load({"good", fixture("fixture_good")});
        auto agg = loader.createAggregator(ref("good", "FixtureAggregator"));
        agg->configure({"fix-agg", "stats-fixture", Params()});
        auto templates = agg->indexTemplates();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), templates.size());
        CPPUNIT_ASSERT_EQUAL(std::string("stats-fixture"), templates[0].alias);
        auto component = loader.createComponent(ref("good", "FixtureComponent"));
        CPPUNIT_ASSERT(component != nullptr);
        auto blueprint = loader.createBlueprint(ref("good", "FixtureBlueprint"));
        CPPUNIT_ASSERT(blueprint != nullptr);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginLoaderTest);
