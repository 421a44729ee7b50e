// Contract: change numbers on rows and the changed days aggregators read, across midnight too.
#include "UsageStoreContract.h"

namespace statshost::test {

using usage::DoubleClickMode;
using usage::UsageStore;

namespace {

std::vector<std::int64_t> days(std::initializer_list<int> offsets) {
    std::vector<std::int64_t> out;
    for (int d : offsets) out.push_back(kDay2024 + d);
    return out;
}

}  // namespace

void UsageStoreContract::testChangedDays() {
    if (!ready()) return;
    usage::ChangedDays none = UsageStore::changedDaysSince(db(), 0);
    CPPUNIT_ASSERT(none.days.empty());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, none.maxChangeSeq);

    store({view("a", "v", at(5, 10, 0, 0)), view("a", "v", at(3, 10, 0, 0)), view("b", "v", at(5, 11, 0, 0))},
          DoubleClickMode::Fixed10s, 10);
    usage::ChangedDays changed = UsageStore::changedDaysSince(db(), 0);
    CPPUNIT_ASSERT(changed.days == days({3, 5}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{10}, changed.maxChangeSeq);

    store({view("c", "v", at(4, 10, 0, 0))}, DoubleClickMode::Fixed10s, 12);
    changed = UsageStore::changedDaysSince(db(), 10);
    CPPUNIT_ASSERT(changed.days == days({4}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{12}, changed.maxChangeSeq);
    CPPUNIT_ASSERT(UsageStore::changedDaysSince(db(), 0).days == days({3, 4, 5}));
    CPPUNIT_ASSERT(UsageStore::changedDaysSince(db(), 9).days == days({3, 4, 5}));

    // A batch that only loses changes nothing: 09:59:55 loses to the survivor 09:59:59.999999 of its bucket.
    usage::IngestCounters counters =
        store({view("a", "v", at(3, 9, 59, 59)), view("a", "v", at(3, 10, 0, 0) - 1)}, DoubleClickMode::Fixed10s, 13);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.stored);
    counters = store({view("a", "v", at(3, 9, 59, 55))}, DoubleClickMode::Fixed10s, 14);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.suppressed);
    changed = UsageStore::changedDaysSince(db(), 13);
    CPPUNIT_ASSERT(changed.days.empty());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{13}, changed.maxChangeSeq);
    // Two store() calls of one transaction share its change number.
    db().transaction([&](storage::Connection& c) {
        UsageStore().store(c, {view("d", "v", at(7, 1, 0, 0))}, 20);
        UsageStore().store(c, {view("d", "v", at(7, 1, 0, 1)), view("d", "v", at(8, 1, 0, 0))}, 20);
    });
    changed = UsageStore::changedDaysSince(db(), 14);
    CPPUNIT_ASSERT(changed.days == days({7, 8}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{20}, changed.maxChangeSeq);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1},
                         scalar(db(), "SELECT count(*) FROM usage_events WHERE day = $1", {kDay2024 + 7}));
}

void UsageStoreContract::testChangeSeqOnRows() {
    if (!ready()) return;
    const std::string changeOf = "SELECT change_seq FROM usage_events WHERE record_id = $1";
    const std::string seqOf = "SELECT seq FROM usage_events WHERE record_id = $1";
    store({view("a", "v", at(0, 10, 0, 1)), view("b", "v", at(0, 10, 0, 1))}, DoubleClickMode::Fixed10s, 3);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, scalar(db(), changeOf, {std::string("a")}));
    const std::int64_t seqBefore = scalar(db(), seqOf, {std::string("a")});
    store({view("a", "v", at(0, 10, 0, 2))}, DoubleClickMode::Fixed10s, 4);  // replaces a
    CPPUNIT_ASSERT_EQUAL(std::int64_t{4}, scalar(db(), changeOf, {std::string("a")}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, scalar(db(), changeOf, {std::string("b")}));
    CPPUNIT_ASSERT(scalar(db(), seqOf, {std::string("a")}) > seqBefore);
    store({view("a", "v", at(0, 10, 0, 0))}, DoubleClickMode::Fixed10s, 5);  // loses: the row keeps 4
    CPPUNIT_ASSERT_EQUAL(std::int64_t{4}, scalar(db(), changeOf, {std::string("a")}));

    // counter30s: a chain growing backwards rewrites the survivor's chain start and change number.
    store({view("c", "v", at(2, 10, 0, 0))}, DoubleClickMode::Counter30s, 6);
    store({view("c", "v", at(2, 9, 59, 40))}, DoubleClickMode::Counter30s, 7);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{7}, scalar(db(), changeOf, {std::string("c")}));
    CPPUNIT_ASSERT(UsageStore::changedDaysSince(db(), 6).days == days({2}));
}

void UsageStoreContract::testSurvivorMovesAcrossMidnight() {
    if (!ready()) return;
    // 2024-01-31 23:59:50 is stored; a late click at 2024-02-01 00:00:15 ends its chain on the next day (and
    // in the next month): the row moves, and both days changed.
    const std::int64_t before = at(30, 23, 59, 50), after = at(31, 0, 0, 15);
    store({view("a", "v", before)}, DoubleClickMode::Counter30s, 20);
    usage::IngestCounters counters = store({view("a", "v", after)}, DoubleClickMode::Counter30s, 21);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.replaced);
    usage::ChangedDays changed = UsageStore::changedDaysSince(db(), 20);
    CPPUNIT_ASSERT(changed.days == days({30, 31}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{21}, changed.maxChangeSeq);
    std::vector<UsageEvent> rows = storedEvents(db());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, rows.size());
    CPPUNIT_ASSERT_EQUAL(kDay2024 + 31, rows[0].day);
    std::size_t onJan31 = 0;
    UsageStore::scanDays(db(), kDay2024 + 30, kDay2024 + 30, [&](const UsageEvent&) { ++onJan31; });
    CPPUNIT_ASSERT_EQUAL(std::size_t{0}, onJan31);
    checkCountersMatchRows({view("a", "v", before), view("a", "v", after)});
    std::vector<usage::MonthCounters> months = UsageStore::status(db());
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, months.size());
    CPPUNIT_ASSERT_EQUAL(std::string("2024-01"), months[0].month);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, months[0].stored);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, months[0].doubleClicks);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, months[1].stored);

    // The other way: a late click before midnight joins a chain after it; the survivor stays on its day and
    // only that day is touched.
    store({view("b", "v", at(31, 0, 0, 10))}, DoubleClickMode::Counter30s, 22);
    counters = store({view("b", "v", at(30, 23, 59, 45))}, DoubleClickMode::Counter30s, 23);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.suppressed);
    changed = UsageStore::changedDaysSince(db(), 22);
    CPPUNIT_ASSERT(changed.days == days({31}));

    // fixed10s buckets never straddle midnight: both stay.
    store({view("c", "v", at(30, 23, 59, 59)), view("c", "v", at(31, 0, 0, 1))}, DoubleClickMode::Fixed10s, 24);
    CPPUNIT_ASSERT(UsageStore::changedDaysSince(db(), 23).days == days({30, 31}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, scalar(db(), "SELECT count(*) FROM usage_events WHERE record_id = 'c'"));
}

}  // namespace statshost::test
