// RecordsQuiet: the stored "nothing can be due" state of the records families (text form and rule).
#include <cppunit/extensions/HelperMacros.h>

#include "DayText.h"
#include "RecordsQuiet.h"

using namespace statshost::aggregators;

class RecordsQuietTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RecordsQuietTest);
    CPPUNIT_TEST(textRoundTrips);
    CPPUNIT_TEST(malformedTextIsNoState);
    CPPUNIT_TEST(nothingDueNeedsEveryBookmarkAndNoBoundary);
    CPPUNIT_TEST_SUITE_END();

    static QuietState state(const char* checked, const char* next, std::vector<std::string> communities) {
        QuietState s;
        s.checkedThrough = dayNumber(checked);
        s.nextBoundary = next ? dayNumber(next) : kNoDay;
        s.communities = std::move(communities);
        return s;
    }

public:
    void textRoundTrips() {
        const QuietState s = state("2025-12-31", "2026-03-01", {"c1", "global"});
        CPPUNIT_ASSERT_EQUAL(std::string("q1|2025-12-31|2026-03-01|c1,global"), quietText(s));
        auto back = parseQuiet(quietText(s));
        CPPUNIT_ASSERT(back);
        CPPUNIT_ASSERT_EQUAL(s.checkedThrough, back->checkedThrough);
        CPPUNIT_ASSERT_EQUAL(s.nextBoundary, back->nextBoundary);
        CPPUNIT_ASSERT(s.communities == back->communities);

        const QuietState none = state("2025-12-31", nullptr, {});
        CPPUNIT_ASSERT_EQUAL(std::string("q1|2025-12-31|-|"), quietText(none));
        auto noneBack = parseQuiet(quietText(none));
        CPPUNIT_ASSERT(noneBack && noneBack->nextBoundary == kNoDay && noneBack->communities.empty());
    }

    void malformedTextIsNoState() {
        for (const char* text : {"", "q1", "q2|2025-12-31|-|", "q1|2025-13-01|-|c1", "q1|2025-12-31|soon|c1",
                                 "q1|2025-12-31|-|c1,,c2", "q1|2025-12-31|-|c1|x"})
            CPPUNIT_ASSERT_MESSAGE(text, !parseQuiet(text));
    }

    void nothingDueNeedsEveryBookmarkAndNoBoundary() {
        const QuietState s = state("2025-12-31", "2026-01-05", {"c1", "global"});
        std::map<std::string, DayNumber> bookmarks{{"c1", dayNumber("2025-12-31")}, {"global", dayNumber("2026-01-02")}};
        CPPUNIT_ASSERT(nothingDue(s, bookmarks, dayNumber("2026-01-04")));
        CPPUNIT_ASSERT(!nothingDue(s, bookmarks, dayNumber("2026-01-05")));  // the boundary has come
        bookmarks["c1"] = dayNumber("2025-12-30");                            // c1 was not brought up to date
        CPPUNIT_ASSERT(!nothingDue(s, bookmarks, dayNumber("2026-01-01")));
        bookmarks.erase("c1");                                                // c1 has no bookmark at all
        CPPUNIT_ASSERT(!nothingDue(s, bookmarks, dayNumber("2026-01-01")));
        CPPUNIT_ASSERT(nothingDue(state("2025-12-31", nullptr, {}), {}, dayNumber("2030-01-01")));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecordsQuietTest);
