// Names (aliases, identifiers, days, lock keys) and TextChecks (JSON and UTF-8 validation).
#include <cppunit/extensions/HelperMacros.h>

#include "statshost/Errors.h"
#include "storage/Names.h"
#include "storage/TextChecks.h"

using namespace statshost::storage;

namespace {

bool aliasOk(const std::string& alias) {
    try {
        checkAlias(alias);
        return true;
    } catch (const statshost::StorageError&) {
        return false;
    }
}

bool jsonOk(const std::string& text) { return !jsonProblem(text).has_value(); }

}  // namespace

class NamesAndTextTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(NamesAndTextTest);
    CPPUNIT_TEST(testAliases);
    CPPUNIT_TEST(testIdentifiers);
    CPPUNIT_TEST(testDays);
    CPPUNIT_TEST(testLockKey);
    CPPUNIT_TEST(testValidJson);
    CPPUNIT_TEST(testInvalidJson);
    CPPUNIT_TEST(testCleanText);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAliases() {
        CPPUNIT_ASSERT(aliasOk("stats-community-records-delta-added"));
        CPPUNIT_ASSERT(aliasOk("a"));
        CPPUNIT_ASSERT(aliasOk("x_1-2"));
        CPPUNIT_ASSERT(aliasOk(std::string(48, 'a')));
        CPPUNIT_ASSERT(!aliasOk(std::string(49, 'a')));
        for (const char* bad : {"", "1stats", "-stats", "stats-", "stats__x", "stats-_x", "Stats", "st ats", "st\"ats",
                                "stats;drop", "stätistik"})
            CPPUNIT_ASSERT_MESSAGE(bad, !aliasOk(bad));
    }

    void testIdentifiers() {
        CPPUNIT_ASSERT_EQUAL(std::string("idx_stats_community_records_delta_added"),
                             familyTable("stats-community-records-delta-added"));
        CPPUNIT_ASSERT_EQUAL(std::string("idx_stats_x__2024"), yearTable("idx_stats_x", 2024));
        CPPUNIT_ASSERT_EQUAL(std::string("idx_stats_x__0999"), yearTable("idx_stats_x", 999));
    }

    void testDays() {
        for (const char* good : {"2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2023-12-31", "2024-04-30"})
            CPPUNIT_ASSERT_MESSAGE(good, isValidDay(good));
        for (const char* bad : {"2023-02-29", "1900-02-29", "0000-01-01", "2024-04-31", "2024-13-01", "2024-00-10",
                                "2024-01-00", "2024-1-01", "2024-01-01T00:00:00", "24-01-01", "2024/01/01", "",
                                "２０２４-01-01", "2024-01-0a"})
            CPPUNIT_ASSERT_MESSAGE(bad, !isValidDay(bad));
        CPPUNIT_ASSERT_EQUAL(2024, yearOf("2024-06-30"));
        CPPUNIT_ASSERT_EQUAL(1, yearOf("0001-01-01"));
    }

    void testLockKey() {
        CPPUNIT_ASSERT_EQUAL(lockKey("aggregation"), lockKey("aggregation"));
        CPPUNIT_ASSERT(lockKey("aggregation") != lockKey("aggregatioN"));
        CPPUNIT_ASSERT_EQUAL(static_cast<std::int64_t>(14695981039346656037ull), lockKey(""));  // FNV-1a offset basis
    }

    void testValidJson() {
        for (const char* good : {"{}", "[]", " {\"a\" : [1, -2.5e+3, 0, 0.0, true, false, null, \"x\"]} ", "\"text\"", "0",
                                 "-0.5E-7", "{\"nested\":{\"deeper\":[[{}]]}}", "{\"esc\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
                                 "{\"u\":\"\\u00e9\\ud83d\\ude00\"}", "{\"utf8\":\"é€😀\"}", "{\"a\":1,\"a\":2}"})
            CPPUNIT_ASSERT_MESSAGE(good, jsonOk(good));
        std::string deep = std::string(500, '[') + std::string(500, ']');
        CPPUNIT_ASSERT(jsonOk(deep));
    }

    void testInvalidJson() {
        for (const char* bad : {"", " ", "{", "{\"a\":}", "{\"a\" 1}", "{a:1}", "[1,]", "[1 2]", "{\"a\":1,}", "01", "1.",
                                ".5", "-", "1e", "+1", "tru", "nul", "True", "'x'", "\"unterminated", "{} {}", "[]x",
                                "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\u0000\"", "\"\\udc00\"", "\"\\ud800\"",
                                "\"\\ud800\\u0041\"", "\"\xff\"", "\"\xc3\"", "\"\xed\xa0\x80\"", "\"\xc0\xaf\"", "NaN"})
            CPPUNIT_ASSERT_MESSAGE(bad, !jsonOk(bad));
        CPPUNIT_ASSERT(!jsonOk(std::string(600, '[') + std::string(600, ']')));
        CPPUNIT_ASSERT(!jsonOk(std::string("{\"a\":\"\0\"}", 9)));
        auto problem = jsonProblem("{\"a\": tru}");
        CPPUNIT_ASSERT(problem && problem->find("at byte 6") != std::string::npos);
    }

    void testCleanText() {
        CPPUNIT_ASSERT(isCleanText("plain"));
        CPPUNIT_ASSERT(isCleanText("é€😀"));
        CPPUNIT_ASSERT(isCleanText(""));
        CPPUNIT_ASSERT(!isCleanText(std::string("a\0b", 3)));
        CPPUNIT_ASSERT(!isCleanText("\xff"));
        CPPUNIT_ASSERT(!isCleanText("\xe2\x82"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NamesAndTextTest);
