// The keyframe periods of the usage snapshot family (UsageSnapshotPeriods.h): calendar quarters.
#include <cppunit/extensions/HelperMacros.h>

#include "UsageSnapshotPeriods.h"

using namespace statshost::aggregators;
using namespace statshost::aggregators::usagestats;

class UsageSnapshotPeriodsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsageSnapshotPeriodsTest);
    CPPUNIT_TEST(periodsAreCalendarQuarters);
    CPPUNIT_TEST(everyDayLiesInItsPeriod);
    CPPUNIT_TEST_SUITE_END();

public:
    void periodsAreCalendarQuarters() {
        auto start = [](const char* day) { return dayText(keyframePeriodStart(dayNumber(day))); };
        auto end = [](const char* day) { return dayText(keyframePeriodEnd(dayNumber(day))); };
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01"), start("2024-03-31"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-03-31"), end("2024-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-04-01"), start("2024-04-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-06-30"), end("2024-05-17"));
        CPPUNIT_ASSERT_EQUAL(std::string("2023-07-01"), start("2023-09-30"));
        CPPUNIT_ASSERT_EQUAL(std::string("2023-09-30"), end("2023-07-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-10-01"), start("2025-12-31"));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-12-31"), end("2025-10-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("1969-10-01"), start("1969-12-15"));
    }

    void everyDayLiesInItsPeriod() {
        // Eight years, leap years included: periods tile the days without gaps.
        DayNumber expectedStart = dayNumber("2020-01-01");
        for (DayNumber day = expectedStart; day <= dayNumber("2027-12-31"); ++day) {
            const DayNumber s = keyframePeriodStart(day), e = keyframePeriodEnd(day);
            CPPUNIT_ASSERT(s <= day && day <= e);
            CPPUNIT_ASSERT_EQUAL(expectedStart, s);
            if (day == e) expectedStart = e + 1;
            const std::string text = dayText(s);
            CPPUNIT_ASSERT_EQUAL(std::string("01"), text.substr(8, 2));
            CPPUNIT_ASSERT((text[5] - '0') * 10 + (text[6] - '0') == 1 + (((text[5] - '0') * 10 + (text[6] - '0') - 1) / 3) * 3);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsageSnapshotPeriodsTest);
