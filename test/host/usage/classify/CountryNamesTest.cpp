#include <cppunit/extensions/HelperMacros.h>

#include <iostream>

#include "ClassifyTestSupport.h"
#include "statshost/Errors.h"
#include "support/TestEnv.h"
#include "usage/classify/CountryNames.h"

namespace statshost::usage {

class CountryNamesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CountryNamesTest);
    CPPUNIT_TEST(sampleFileLabels);
    CPPUNIT_TEST(validIsExact);
    CPPUNIT_TEST(normaliseTrimsUpperCasesAndDropsUnknownCodes);
    CPPUNIT_TEST(unknownCodesLabelThemselves);
    CPPUNIT_TEST(installedIsoCodes);
    CPPUNIT_TEST(badFilesAreConfigErrors);
    CPPUNIT_TEST_SUITE_END();

public:
    void sampleFileLabels() {
        const CountryNames n = sample();
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), n.size());  // the entry without alpha_2 is skipped
        CPPUNIT_ASSERT_EQUAL(std::string("United States"), n.label("US"));
        CPPUNIT_ASSERT_EQUAL(std::string("Taiwan"), n.label("TW"));  // common_name wins over name
        CPPUNIT_ASSERT_EQUAL(std::string("Germany"), n.label("DE"));
    }

    void validIsExact() {
        const CountryNames n = sample();
        CPPUNIT_ASSERT(n.valid("DE"));
        CPPUNIT_ASSERT(!n.valid("de"));
        CPPUNIT_ASSERT(!n.valid(" DE"));
        CPPUNIT_ASSERT(!n.valid("FR"));  // not in the sample
        CPPUNIT_ASSERT(!n.valid(""));
        CPPUNIT_ASSERT(!n.valid("DEU"));
    }

    void normaliseTrimsUpperCasesAndDropsUnknownCodes() {
        const CountryNames n = sample();
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), n.normalise("DE"));
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), n.normalise(" de\t"));
        CPPUNIT_ASSERT_EQUAL(std::string("TW"), n.normalise("tW"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), n.normalise("XX"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), n.normalise("??"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), n.normalise(""));
        CPPUNIT_ASSERT_EQUAL(std::string(""), n.normalise("   "));
        CPPUNIT_ASSERT_EQUAL(std::string(""), n.normalise("DEU"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), n.normalise("D E"));
    }

    void unknownCodesLabelThemselves() {
        const CountryNames n = sample();
        CPPUNIT_ASSERT_EQUAL(std::string("XX"), n.label("XX"));
        CPPUNIT_ASSERT_EQUAL(std::string("Germany"), n.label(" de "));
    }

    void installedIsoCodes() {
        const std::string path = test::installedIsoCodes();
        if (path.empty()) {
            std::cout << "\n  [skip] iso-codes not installed; installed-file checks skipped" << std::endl;
            return;
        }
        const std::int64_t start = test::steadyNanos();
        const CountryNames n = CountryNames::fromFile(path);
        std::cout << "\n  [measure] iso-codes load: " << test::elapsedMillis(start) << " ms (" << n.size()
                  << " countries)" << std::endl;
        CPPUNIT_ASSERT(n.size() >= 249);
        CPPUNIT_ASSERT_EQUAL(std::string("United States"), n.label("US"));
        CPPUNIT_ASSERT_EQUAL(std::string("Taiwan"), n.label("TW"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bolivia"), n.label("BO"));
        CPPUNIT_ASSERT_EQUAL(std::string("United Kingdom"), n.label("GB"));
        CPPUNIT_ASSERT_EQUAL(std::string("Germany"), n.label("DE"));
        CPPUNIT_ASSERT_EQUAL(std::string("Switzerland"), n.label("CH"));
        CPPUNIT_ASSERT(n.valid("AQ"));
        // Codes that appear in GeoIP data but are not ISO 3166-1 entries count as no country.
        for (const char* code : {"UK", "EU", "AP", "AN", "ZZ", "XK"}) CPPUNIT_ASSERT_MESSAGE(code, !n.valid(code));
    }

    void badFilesAreConfigErrors() {
        statshost::test::TempDir dir;
        const std::vector<std::pair<std::string, const char*>> cases = {
            {dir.file("missing.json"), nullptr},
            {dir.file("broken.json"), "{\"3166-1\": ["},
            {dir.file("array.json"), "[]"},
            {dir.file("wrongkey.json"), "{\"3166-2\": []}"},
            {dir.file("empty.json"), "{\"3166-1\": []}"},
        };
        for (const auto& [path, content] : cases) {
            if (content) test::writeFile(path, content);
            try {
                CountryNames::fromFile(path);
                CPPUNIT_FAIL("loaded " + path);
            } catch (const ConfigError& e) {
                CPPUNIT_ASSERT_EQUAL(path, e.keyPath());
            }
        }
    }

private:
    static CountryNames sample() {
        return CountryNames::fromFile(statshost::test::fixturePath("usage/iso_3166-1_sample.json"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CountryNamesTest);

}  // namespace statshost::usage
