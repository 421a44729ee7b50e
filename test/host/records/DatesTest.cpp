#include <cppunit/extensions/HelperMacros.h>

#include <ctime>
#include <random>

#include "records/Dates.h"

namespace statshost::records {

namespace {

std::int64_t micros(const std::string& text) {
    auto parsed = parseTimestampMicros(text);
    if (!parsed) CPPUNIT_FAIL("not parsed: " + text);
    return *parsed;
}

/// An independent calendar for cross-checking: steps one day at a time with a month table.
struct Walker {
    std::int64_t year = 0;
    unsigned month = 1, day = 1;
    static unsigned length(std::int64_t y, unsigned m) {
        static const unsigned kTable[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = y % 400 == 0 || (y % 100 != 0 && y % 4 == 0);
        return m == 2 && leap ? 29 : kTable[m - 1];
    }
    void next() {
        if (++day <= length(year, month)) return;
        day = 1;
        if (++month <= 12) return;
        month = 1;
        ++year;
    }
};

/// 0000-01-01 is 1970 years of 365 days plus 478 leap days (years 0..1968 divisible by 4 = 493,
/// minus the 15 centuries not divisible by 400) before 1970-01-01.
constexpr std::int64_t kDayOfYearZero = -(1970 * 365 + 478);

}  // namespace

class DatesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DatesTest);
    CPPUNIT_TEST(everyDayOfYears0To9999MatchesAStepwiseCalendar);
    CPPUNIT_TEST(randomDaysRoundTripAndMatchGmtime);
    CPPUNIT_TEST(leapYears);
    CPPUNIT_TEST(yearBoundariesAndDaysBefore1970);
    CPPUNIT_TEST(parseDayIsStrict);
    CPPUNIT_TEST(timestampsNormaliseOffsetsAndFractionsToUtc);
    CPPUNIT_TEST(timestampsRejectImpossibleValues);
    CPPUNIT_TEST(randomInstantsRoundTripThroughMillis);
    CPPUNIT_TEST(edtfDates);
    CPPUNIT_TEST(edtfIntervalsUseTheFirstValidEndpoint);
    CPPUNIT_TEST_SUITE_END();

public:
    void everyDayOfYears0To9999MatchesAStepwiseCalendar() {
        Walker w;
        std::int64_t expected = kDayOfYearZero;
        for (; w.year <= 9999; w.next(), ++expected) {
            if (daysFromCivil(w.year, w.month, w.day) != expected ||
                !(civilFromDays(expected) == CivilDate{w.year, w.month, w.day}))
                CPPUNIT_FAIL("mismatch at day " + std::to_string(expected));
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2932897), expected);  // 10000-01-01
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), daysFromCivil(1970, 1, 1));
    }

    void randomDaysRoundTripAndMatchGmtime() {
        std::mt19937_64 random(20240229);
        std::uniform_int_distribution<std::int64_t> anyDay(kDayOfYearZero, 2932896);
        for (int i = 0; i < 20000; ++i) {
            const auto day = anyDay(random);
            const auto text = formatDay(day);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(text, day, parseDay(text).value_or(-999999999));

            std::time_t seconds = std::time_t(day) * 86400;
            std::tm tm{};
            CPPUNIT_ASSERT(gmtime_r(&seconds, &tm));
            char expected[32];
            std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
            CPPUNIT_ASSERT_EQUAL(std::string(expected), text);
        }
    }

    void leapYears() {
        CPPUNIT_ASSERT(isLeapYear(2000));
        CPPUNIT_ASSERT(isLeapYear(2024));
        CPPUNIT_ASSERT(!isLeapYear(1900));
        CPPUNIT_ASSERT(!isLeapYear(2023));
        CPPUNIT_ASSERT(!isLeapYear(2100));
        CPPUNIT_ASSERT_EQUAL(29u, daysInMonth(2024, 2));
        CPPUNIT_ASSERT_EQUAL(28u, daysInMonth(1900, 2));
        CPPUNIT_ASSERT_EQUAL(0u, daysInMonth(2024, 13));
        CPPUNIT_ASSERT(isValidDate(2000, 2, 29));
        CPPUNIT_ASSERT(!isValidDate(1900, 2, 29));
        CPPUNIT_ASSERT(!isValidDate(2023, 2, 29));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), formatDay(*parseDay("2024-02-29") + 1));
        CPPUNIT_ASSERT_EQUAL(std::string("2023-03-01"), formatDay(*parseDay("2023-02-28") + 1));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(366), *parseDay("2025-01-01") - *parseDay("2024-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(365), *parseDay("2101-01-01") - *parseDay("2100-01-01"));
    }

    void yearBoundariesAndDaysBefore1970() {
        CPPUNIT_ASSERT_EQUAL(std::string("1969-12-31"), formatDay(-1));
        CPPUNIT_ASSERT_EQUAL(std::string("1970-01-01"), formatDay(0));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10957), *parseDay("2000-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01"), formatDay(*parseDay("2024-12-31") + 1));
        CPPUNIT_ASSERT_EQUAL(std::string("0000-01-01"), formatDay(kDayOfYearZero));
        CPPUNIT_ASSERT_EQUAL(std::string("9999-12-31"), formatDay(2932896));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-1), dayOfMicros(-1));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-1), dayOfMicros(-kMicrosPerDay));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-2), dayOfMicros(-kMicrosPerDay - 1));
        CPPUNIT_ASSERT_EQUAL(std::string("1969-12-31T23:59:59"), formatSeconds(-1));
        CPPUNIT_ASSERT_EQUAL(std::string("1969-12-31T23:59:59.999"), formatMillis(-1));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-12-31T23:59:59"), formatSeconds(micros("2025-01-01T00:00:00Z") - 1));
        CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01T00:00:00.000"), formatMillis(micros("1900-01-01")));
    }

    void parseDayIsStrict() {
        CPPUNIT_ASSERT(parseDay("2024-02-29"));
        for (const char* bad : {"2023-02-29", "2023-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00",
                                "2024-1-01", "24-01-01", "2024-01-01T00:00:00", " 2024-01-01", "", "2024/01/01"})
            CPPUNIT_ASSERT_MESSAGE(bad, !parseDay(bad));
    }

    void timestampsNormaliseOffsetsAndFractionsToUtc() {
        const auto base = *parseDay("2024-05-03") * kMicrosPerDay + 8 * 3600 * kMicrosPerSecond;
        CPPUNIT_ASSERT_EQUAL(base + 123456, micros("2024-05-03T08:00:00.123456+00:00"));
        CPPUNIT_ASSERT_EQUAL(base, micros("2024-05-03T08:00:00Z"));
        CPPUNIT_ASSERT_EQUAL(base, micros("2024-05-03T08:00:00"));
        CPPUNIT_ASSERT_EQUAL(base, micros("2024-05-03t08:00z"));
        CPPUNIT_ASSERT_EQUAL(base, micros("2024-05-03 08:00:00"));
        CPPUNIT_ASSERT_EQUAL(base, micros("2024-05-03T10:00:00+02:00"));
        CPPUNIT_ASSERT_EQUAL(base, micros("2024-05-03T13:30:00+0530"));
        CPPUNIT_ASSERT_EQUAL(base, micros("2024-05-03T03:00:00-05"));
        CPPUNIT_ASSERT_EQUAL(base + 500000, micros("2024-05-03T08:00:00.5Z"));
        CPPUNIT_ASSERT_EQUAL(base + 500000, micros("2024-05-03T08:00:00,5Z"));
        CPPUNIT_ASSERT_EQUAL(base + 123456, micros("2024-05-03T08:00:00.1234569Z"));  // truncated, not rounded
        CPPUNIT_ASSERT_EQUAL(*parseDay("2024-05-03") * kMicrosPerDay, micros("2024-05-03"));
        // Offsets move instants across day and year boundaries.
        CPPUNIT_ASSERT_EQUAL(std::string("2024-05-02T23:30:00"), formatSeconds(micros("2024-05-03T00:30:00+01:00")));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01T03:00:00"), formatSeconds(micros("2023-12-31T22:00:00-05:00")));
    }

    void timestampsRejectImpossibleValues() {
        for (const char* bad :
             {"2023-02-30T00:00:00Z", "2024-13-01T00:00:00Z", "2024-05-03T24:00:00Z", "2024-05-03T12:60:00Z",
              "2024-05-03T12:00:60Z", "2024-05-03T12:00:00+24:00", "2024-05-03T12:00:00+05:60", "2024-05-03T12:00:00Zx",
              "2024-05-03T", "2024-05-03T12", "2024-05-03T12:00:00.", "2024-05-03T12:00:00.Z", "2024-5-3", "20240503",
              "", "yesterday", "2024-05-03X12:00:00"})
            CPPUNIT_ASSERT_MESSAGE(bad, !parseTimestampMicros(bad));
    }

    void randomInstantsRoundTripThroughMillis() {
        std::mt19937_64 random(7);
        std::uniform_int_distribution<std::int64_t> anyInstant(kDayOfYearZero * kMicrosPerDay,
                                                               2932897 * kMicrosPerDay - 1);
        for (int i = 0; i < 20000; ++i) {
            const auto instant = anyInstant(random);
            const auto text = formatMillis(instant);
            const auto truncated = instant - (((instant % 1000) + 1000) % 1000);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(text, truncated, micros(text));
            const auto seconds = formatSeconds(instant);
            CPPUNIT_ASSERT_EQUAL(text.substr(0, 19), seconds);
            CPPUNIT_ASSERT_EQUAL(formatDay(dayOfMicros(instant)), seconds.substr(0, 10));
        }
    }

    void edtfDates() {
        auto year = parseEdtfDate("2020");
        CPPUNIT_ASSERT(year && year->year == 2020 && year->month == 0 && year->day == 0);
        CPPUNIT_ASSERT_EQUAL(std::string("2020-01-01"), formatDay(year->firstDay()));
        auto month = parseEdtfDate("2020-05");
        CPPUNIT_ASSERT(month && month->month == 5 && month->day == 0);
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-01"), formatDay(month->firstDay()));
        auto day = parseEdtfDate("2020-05-17");
        CPPUNIT_ASSERT(day && day->day == 17);
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-17"), formatDay(day->firstDay()));
        for (const char* bad : {"2020-13", "2020-00", "2023-02-29", "2020-5", "20", "20201", "2020-05-17T10:00:00",
                                "2020-05/2021", "", "garbage", "-2020"})
            CPPUNIT_ASSERT_MESSAGE(bad, !parseEdtfDate(bad));
    }

    void edtfIntervalsUseTheFirstValidEndpoint() {
        auto first = [](const char* text) {
            auto day = edtfFirstDay(text);
            return day ? formatDay(*day) : std::string("none");
        };
        CPPUNIT_ASSERT_EQUAL(std::string("1939-01-01"), first("1939/1945"));
        CPPUNIT_ASSERT_EQUAL(std::string("1939-09-01"), first("1939-09-01/1945-09"));
        CPPUNIT_ASSERT_EQUAL(std::string("2018-01-01"), first("2018/2020-09"));
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-01"), first("2020-05/2021"));
        CPPUNIT_ASSERT_EQUAL(std::string("2021-01-01"), first("2020-13/2021"));
        CPPUNIT_ASSERT_EQUAL(std::string("2021-01-01"), first("/2021"));
        CPPUNIT_ASSERT_EQUAL(std::string("2020-01-01"), first("2020/"));
        CPPUNIT_ASSERT_EQUAL(std::string("2020-02-29"), first("2020-02-29"));
        CPPUNIT_ASSERT_EQUAL(std::string("none"), first("2020-13/2021-13"));
        CPPUNIT_ASSERT_EQUAL(std::string("none"), first("2020/2021/2022"));
        CPPUNIT_ASSERT_EQUAL(std::string("none"), first("garbage"));
        CPPUNIT_ASSERT_EQUAL(std::string("none"), first(""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DatesTest);

}  // namespace statshost::records
