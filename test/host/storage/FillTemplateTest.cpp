// Day arithmetic (Days.h) and the documents readDense renders for missing days (FillTemplate.h).
#include <cppunit/extensions/HelperMacros.h>

#include "StorageTestSupport.h"
#include "statshost/Errors.h"
#include "storage/Days.h"
#include "storage/FillTemplate.h"
#include "storage/Names.h"

using namespace statshost::storage;
using Transform = FillTemplate::Transform;

class FillTemplateTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FillTemplateTest);
    CPPUNIT_TEST(testDayNumbers);
    CPPUNIT_TEST(testZeroTransform);
    CPPUNIT_TEST(testKeepRewritesOnlyTopLevelDates);
    CPPUNIT_TEST(testNumbersAndStringsWrittenFaithfully);
    CPPUNIT_TEST(testOtherValues);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDayNumbers() {
        CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, dayNumber("1970-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t{11017}, dayNumber("2000-03-01"));  // 10957 days to 2000, +31 +29
        CPPUNIT_ASSERT_EQUAL(std::int64_t{-25567}, dayNumber("1900-01-01"));  // 70 * 365 + 17 leap days
        CPPUNIT_ASSERT_EQUAL(std::int64_t{-719162}, dayNumber("0001-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t{2932896}, dayNumber("9999-12-31"));
        CPPUNIT_ASSERT_EQUAL(std::string("1900-03-01"), dayText(dayNumber("1900-02-28") + 1));
        CPPUNIT_ASSERT_EQUAL(std::string("2000-02-29"), dayText(dayNumber("2000-02-28") + 1));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01"), dayText(dayNumber("2023-12-31") + 1));
        CPPUNIT_ASSERT_EQUAL(std::string("0001-01-01"), dayText(-719162));
        // every day of 1600..2400 (all leap-year rules) round-trips and is a valid day, one after the other
        std::string previous = "1599-12-31";
        for (std::int64_t n = dayNumber("1600-01-01"); n <= dayNumber("2400-12-31"); ++n) {
            std::string day = dayText(n);
            if (!isValidDay(day) || dayNumber(day) != n || day <= previous)
                CPPUNIT_FAIL("day number " + std::to_string(n) + " gives '" + day + "'");
            previous = day;
        }
    }

    void testZeroTransform() {
        FillTemplate zero("{\"period_start\":\"2020-01-01T00:00:00\",\"b\":7,\"a\":-2.5,\"list\":[1,{\"x\":2}],"
                          "\"nested\":{\"n\":3,\"f\":1e-7,\"deep\":{\"l\":[\"s\"],\"s\":\"kept\"}},\"t\":true,\"z\":null,"
                          "\"period_end\":\"whatever\",\"snapshot_date\":1}",
                          Transform::Zero);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"period_start\":\"2024-02-29T00:00:00\",\"b\":0,\"a\":0.0,\"list\":[],"
                                         "\"nested\":{\"n\":0,\"f\":0.0,\"deep\":{\"l\":[],\"s\":\"kept\"}},\"t\":true,"
                                         "\"z\":null,\"period_end\":\"2024-02-29T23:59:59\",\"snapshot_date\":\"2024-02-29\"}"),
                             zero.render("2024-02-29"));
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), FillTemplate("[1,2]", Transform::Zero).render("2024-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), FillTemplate("42", Transform::Zero).render("2024-01-01"));
    }

    void testKeepRewritesOnlyTopLevelDates() {
        FillTemplate keep("{ \"snapshot_date\" : \"2020-01-01\", \"inner\": {\"snapshot_date\": \"2020-01-01\", "
                          "\"period_start\": 5}, \"timestamp\": \"2020-01-02T03:04:05\", \"list\": [1, [2, []], {}]}",
                          Transform::Keep);
        const std::string expected = "{\"snapshot_date\":\"DAY\",\"inner\":{\"snapshot_date\":\"2020-01-01\","
                                     "\"period_start\":5},\"timestamp\":\"2020-01-02T03:04:05\",\"list\":[1,[2,[]],{}]}";
        for (const std::string day : {"1900-01-01", "2030-12-31"}) {
            std::string text = expected;
            text.replace(text.find("DAY"), 3, day);
            CPPUNIT_ASSERT_EQUAL(text, keep.render(day));
        }
        // a document without date fields renders the same for every day
        FillTemplate plain("{\"n\":1}", Transform::Keep);
        CPPUNIT_ASSERT_EQUAL(plain.render("2024-01-01"), plain.render("2025-05-05"));
    }

    void testNumbersAndStringsWrittenFaithfully() {
        FillTemplate keep("{\"i\":-9223372036854775808,\"u\":18446744073709551615,\"f\":332579774.0,\"g\":0.1,"
                          "\"e\":1.5e300,\"small\":-2.5E-8,\"zero\":0.0,\"int\":0}",
                          Transform::Keep);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"i\":-9223372036854775808,\"u\":18446744073709551615,\"f\":332579774.0,"
                                         "\"g\":0.1,\"e\":1.5e+300,\"small\":-2.5e-08,\"zero\":0.0,\"int\":0}"),
                             keep.render("2024-01-01"));
        FillTemplate strings("{\"s\":\"q\\\" b\\\\ \\n\\t\\u0001 \\u00fc \xe2\x82\xac \\ud83d\\ude00 /\"}", Transform::Keep);
        const std::string rendered = strings.render("2024-01-01");
        CPPUNIT_ASSERT_EQUAL(std::string("{\"s\":\"q\\\" b\\\\ \\n\\t\\u0001 \xc3\xbc \xe2\x82\xac \xf0\x9f\x98\x80 /\"}"),
                             rendered);
        CPPUNIT_ASSERT_EQUAL(statshost::test::canonicalJson(rendered),
                             statshost::test::canonicalJson(FillTemplate(rendered, Transform::Keep).render("2024-01-01")));
    }

    void testOtherValues() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"text\""), FillTemplate("\"text\"", Transform::Zero).render("2024-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("{}"), FillTemplate("{}", Transform::Zero).render("2024-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("null"), FillTemplate("null", Transform::Keep).render("2024-01-01"));
        CPPUNIT_ASSERT(contains(statshost::test::storageError([] { FillTemplate("{\"a\":", Transform::Keep); }),
                                "cannot read a stored document"));
    }

private:
    static bool contains(const std::string& text, const std::string& part) { return statshost::test::contains(text, part); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FillTemplateTest);
