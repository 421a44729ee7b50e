#include <cppunit/extensions/HelperMacros.h>

#include <iostream>

#include "ClassifyTestSupport.h"
#include "MmdbTestWriter.h"
#include "statshost/Errors.h"
#include "support/TestEnv.h"
#include "usage/classify/ClassifierConfig.h"
#include "usage/classify/MmdbCountry.h"

namespace statshost::usage {

namespace {

std::string fixture(const std::string& name) { return statshost::test::fixturePath("usage/" + name); }

/// Shipped lists, fixture ranges and names: loads everywhere.
ClassifierConfig fixtureConfig() {
    ClassifierConfig c = ClassifierConfig::forDataDir(std::string(STATSHOST_SOURCE_DIR) + "/conf/data");
    c.geoipV4 = fixture("geoip_v4_ranges.txt");
    c.geoipV6 = fixture("geoip_v6_ranges.txt");
    c.isoCodes = fixture("iso_3166-1_sample.json");
    return c;
}

void expectFailureNaming(const ClassifierConfig& config, const std::string& file) {
    try {
        loadClassifiers(config);
        CPPUNIT_FAIL("loaded a configuration with a bad " + file);
    } catch (const ConfigError& e) {
        CPPUNIT_ASSERT_EQUAL(file, e.keyPath());
        CPPUNIT_ASSERT(std::string(e.what()).find(file) != std::string::npos);
    }
}

}  // namespace

class ClassifierConfigTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ClassifierConfigTest);
    CPPUNIT_TEST(defaults);
    CPPUNIT_TEST(forDataDirPointsAtTheShippedLists);
    CPPUNIT_TEST(loadsEverything);
    CPPUNIT_TEST(emptyRangePathsSkipThatFamily);
    CPPUNIT_TEST(mmdbReplacesTheRanges);
    CPPUNIT_TEST(eachBadFileIsNamed);
    CPPUNIT_TEST(installedDefaults);
    CPPUNIT_TEST_SUITE_END();

public:
    void defaults() {
        const ClassifierConfig c;
        CPPUNIT_ASSERT_EQUAL(std::string("conf/data/COUNTER_Robots_list.json"), c.robotsList);
        CPPUNIT_ASSERT_EQUAL(std::string("conf/data/mdc_machine_agents.txt"), c.machinesList);
        CPPUNIT_ASSERT_EQUAL(std::string("/usr/share/tor/geoip"), c.geoipV4);
        CPPUNIT_ASSERT_EQUAL(std::string("/usr/share/tor/geoip6"), c.geoipV6);
        CPPUNIT_ASSERT_EQUAL(std::string(""), c.mmdb);
        CPPUNIT_ASSERT_EQUAL(std::string("/usr/share/iso-codes/json/iso_3166-1.json"), c.isoCodes);
        CPPUNIT_ASSERT_EQUAL(std::size_t(65536), c.agentCacheEntries);
    }

    void forDataDirPointsAtTheShippedLists() {
        ClassifierConfig c = ClassifierConfig::forDataDir("/etc/statshost/data");
        CPPUNIT_ASSERT_EQUAL(std::string("/etc/statshost/data/COUNTER_Robots_list.json"), c.robotsList);
        CPPUNIT_ASSERT_EQUAL(std::string("/etc/statshost/data/mdc_machine_agents.txt"), c.machinesList);
        c = ClassifierConfig::forDataDir("data/");
        CPPUNIT_ASSERT_EQUAL(std::string("data/COUNTER_Robots_list.json"), c.robotsList);
        CPPUNIT_ASSERT_EQUAL(std::string("/usr/share/tor/geoip"), c.geoipV4);
    }

    void loadsEverything() {
        const Classifiers k = loadClassifiers(fixtureConfig());
        CPPUNIT_ASSERT(k.robots.isRobot(std::string("curl/8.0")));
        CPPUNIT_ASSERT(!k.robots.isRobot(test::browserAgents()[0]));
        CPPUNIT_ASSERT(k.machines.isMachine(std::string("curl/8.0")));
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), k.countries.country("3.0.0.1"));
        CPPUNIT_ASSERT_EQUAL(std::string("Germany"), k.countryNames.label("DE"));
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), k.countryOf("3.0.0.1"));
        // XK is in the ranges but not in the names: no country.
        CPPUNIT_ASSERT_EQUAL(std::string("XK"), k.countries.country("3.0.4.0"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), k.countryOf("3.0.4.0"));
        // FR is in the ranges but not in the sample names file.
        CPPUNIT_ASSERT_EQUAL(std::string(""), k.countryOf("3.0.3.1"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), k.countryOf("192.168.0.1"));
    }

    void emptyRangePathsSkipThatFamily() {
        ClassifierConfig c = fixtureConfig();
        c.geoipV6 = "";
        const Classifiers k = loadClassifiers(c);
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), k.countries.country("3.0.0.1"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), k.countries.country("2a00:1000::1"));
    }

    void mmdbReplacesTheRanges() {
        if (!MmdbCountry::available()) {
            std::cout << "\n  [skip] built without libmaxminddb" << std::endl;
            return;
        }
        statshost::test::TempDir dir;
        ClassifierConfig c = fixtureConfig();
        c.mmdb = dir.file("c.mmdb");
        test::writeFile(c.mmdb, test::buildIpv4CountryMmdb({{0x03000000u, 24, "US"}}));
        c.geoipV4 = dir.file("never-read");  // not loaded when an mmdb is configured
        const Classifiers k = loadClassifiers(c);
        CPPUNIT_ASSERT_EQUAL(std::string("mmdb"), k.countries.kind());
        CPPUNIT_ASSERT_EQUAL(std::string("US"), k.countryOf("3.0.0.1"));  // the ranges would say DE
        c.mmdb = dir.file("missing.mmdb");
        expectFailureNaming(c, c.mmdb);
    }

    void eachBadFileIsNamed() {
        statshost::test::TempDir dir;
        const std::string missing = dir.file("missing");
        ClassifierConfig c = fixtureConfig();
        c.robotsList = missing;
        expectFailureNaming(c, missing);
        c = fixtureConfig();
        c.machinesList = missing;
        expectFailureNaming(c, missing);
        c = fixtureConfig();
        c.geoipV4 = missing;
        expectFailureNaming(c, missing);
        c = fixtureConfig();
        c.geoipV6 = missing;
        expectFailureNaming(c, missing);
        c = fixtureConfig();
        c.isoCodes = missing;
        expectFailureNaming(c, missing);
        c = fixtureConfig();
        c.robotsList = fixture("machine_agents_sample.txt");  // not JSON
        expectFailureNaming(c, c.robotsList);
    }

    void installedDefaults() {
        if (test::installedGeoipV4().empty() || test::installedGeoipV6().empty() || test::installedIsoCodes().empty()) {
            std::cout << "\n  [skip] tor-geoipdb or iso-codes not installed; default-path load skipped" << std::endl;
            return;
        }
        const std::int64_t start = test::steadyNanos();
        const double cpu = test::cpuMillis();
        const Classifiers k = loadClassifiers(ClassifierConfig::forDataDir(std::string(STATSHOST_SOURCE_DIR) + "/conf/data"));
        std::cout << "\n  [measure] full classifier load (robots, machines, tor-geoipdb, iso-codes): wall "
                  << test::elapsedMillis(start) << " ms, cpu " << test::cpuMillis() - cpu << " ms" << std::endl;
        CPPUNIT_ASSERT_EQUAL(std::string("US"), k.countryOf("8.8.8.8"));
        CPPUNIT_ASSERT_EQUAL(std::string("United States"), k.countryNames.label(k.countryOf("8.8.8.8")));
        CPPUNIT_ASSERT_EQUAL(std::size_t(327), k.robots.matcher().patternCount());
        CPPUNIT_ASSERT_EQUAL(std::size_t(35), k.machines.matcher().patternCount());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ClassifierConfigTest);

}  // namespace statshost::usage
