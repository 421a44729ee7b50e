// Contract: the community-events log and change numbers.
#include "RepositoryContract.h"
#include "statshost/Errors.h"

namespace statshost::test {

using repository::RepositoryTx;

namespace {

std::vector<std::int64_t> seqsOf(const std::vector<CommunityEvent>& events) {
    std::vector<std::int64_t> out;
    for (const CommunityEvent& e : events) out.push_back(e.seq);
    return out;
}

}  // namespace

void RepositoryContract::testEventsLatestAndOrder() {
    if (!ready()) return;
    const std::int64_t day = dayMicros(10);
    std::vector<CommunityEvent> all;
    _clock.set(dayMicros(100));
    tx([&](RepositoryTx& r) {
        CPPUNIT_ASSERT(!r.latest("rec-1", "c1"));
        CPPUNIT_ASSERT(r.eventsOf("rec-1").empty());
        r.append(makeEvent("rec-1", "c1", "added", day + 5));  // later date, inserted first
        r.append(makeEvent("rec-1", "c1", "added", day));
        r.append(makeEvent("rec-1", "c1", "removed", day));  // same date as the one before: inserted later wins
        CommunityEvent global = makeEvent("rec-1", "global", "added", day - 1);
        global.recordPublishedDate = "";
        global.isDeleted = true;
        global.deletedDateMicros = dayMicros(50);
        global.seq = 999;             // assigned by the log, not taken from the caller
        global.timestampMicros = 42;  // likewise
        r.append(global);
        r.append(makeEvent("rec-2", "c1", "added", day));
        CPPUNIT_ASSERT(contains(storageError([&] { r.append(makeEvent("rec-1", "c1", "add", day)); }), "'add'"));
        CPPUNIT_ASSERT(!storageError([&] { r.append(makeEvent("", "c1", "added", day)); }).empty());
    });
    _clock.set(dayMicros(101));
    tx([&](RepositoryTx& r) {
        r.append(makeEvent("rec-1", "c1", "added", day));  // ties again, in a later transaction
        all = r.eventsOf("rec-1");
        CommunityEvent newest = *r.latest("rec-1", "c1");
        CPPUNIT_ASSERT_EQUAL(std::string("added"), newest.eventType);
        CPPUNIT_ASSERT_EQUAL(day + 5, newest.eventDateMicros);
    });
    CPPUNIT_ASSERT_EQUAL(std::size_t{5}, all.size());
    // (event date, seq) order: global (day-1), then the three at `day` in insertion order, then day+5
    CPPUNIT_ASSERT_EQUAL(std::string("global"), all[0].communityId);
    CPPUNIT_ASSERT_EQUAL(std::string("added"), all[1].eventType);
    CPPUNIT_ASSERT_EQUAL(std::string("removed"), all[2].eventType);
    CPPUNIT_ASSERT_EQUAL(day, all[3].eventDateMicros);
    CPPUNIT_ASSERT_EQUAL(day + 5, all[4].eventDateMicros);
    CPPUNIT_ASSERT(all[1].seq < all[2].seq && all[2].seq < all[3].seq);
    CPPUNIT_ASSERT(all[4].seq < all[1].seq);  // inserted first
    CPPUNIT_ASSERT(all[0].seq != 999);
    // fields round trip; timestamps come from the clock
    const CommunityEvent& g = all[0];
    CPPUNIT_ASSERT_EQUAL(std::string("rec-1"), g.recordId);
    CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01T00:00:00+02:00"), g.recordCreatedDate);
    CPPUNIT_ASSERT_EQUAL(std::string(), g.recordPublishedDate);
    CPPUNIT_ASSERT(g.isDeleted);
    CPPUNIT_ASSERT_EQUAL(dayMicros(50), g.deletedDateMicros);
    CPPUNIT_ASSERT_EQUAL(dayMicros(100), g.timestampMicros);
    CPPUNIT_ASSERT_EQUAL(dayMicros(100), g.updatedTimestampMicros);
    CPPUNIT_ASSERT_EQUAL(std::string("2023-12-31"), all[1].recordPublishedDate);
    CPPUNIT_ASSERT(!all[1].isDeleted);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, all[1].deletedDateMicros);
    CPPUNIT_ASSERT_EQUAL(dayMicros(101), all[3].timestampMicros);

    tx([&](RepositoryTx& r) {
        // only tied events: the last inserted decides
        CommunityEvent latestTie = *r.latest("rec-2", "c1");
        CPPUNIT_ASSERT_EQUAL(std::string("rec-2"), latestTie.recordId);
        r.append(makeEvent("rec-2", "c1", "removed", day));
        CPPUNIT_ASSERT_EQUAL(std::string("removed"), r.latest("rec-2", "c1")->eventType);
        r.append(makeEvent("rec-2", "c1", "added", day));
        CPPUNIT_ASSERT_EQUAL(std::string("added"), r.latest("rec-2", "c1")->eventType);
        CPPUNIT_ASSERT_EQUAL(std::string("global"), r.latest("rec-1", "global")->communityId);
        CPPUNIT_ASSERT(!r.latest("rec-2", "global"));
        std::vector<std::int64_t> seqs = seqsOf(r.eventsOf("rec-2"));
        CPPUNIT_ASSERT_EQUAL(std::size_t{3}, seqs.size());
        CPPUNIT_ASSERT(seqs[0] < seqs[1] && seqs[1] < seqs[2]);
    });
}

void RepositoryContract::testSetDeleted() {
    if (!ready()) return;
    _clock.set(dayMicros(100));
    tx([&](RepositoryTx& r) {
        r.append(makeEvent("rec-1", "c1", "added", dayMicros(1)));
        r.append(makeEvent("rec-1", "global", "added", dayMicros(1)));
        r.append(makeEvent("rec-1", "c1", "removed", dayMicros(2)));
        r.append(makeEvent("rec-2", "c1", "added", dayMicros(1)));
    });
    const std::int64_t appended = counter();
    _clock.set(dayMicros(200));
    tx([&](RepositoryTx& r) { CPPUNIT_ASSERT_EQUAL(std::uint64_t{3}, r.setDeleted("rec-1", true, dayMicros(7))); });
    CPPUNIT_ASSERT_EQUAL(appended + 1, counter());
    tx([&](RepositoryTx& r) {
        for (const CommunityEvent& e : r.eventsOf("rec-1")) {
            CPPUNIT_ASSERT(e.isDeleted);
            CPPUNIT_ASSERT_EQUAL(dayMicros(7), e.deletedDateMicros);
            CPPUNIT_ASSERT_EQUAL(dayMicros(100), e.timestampMicros);
            CPPUNIT_ASSERT_EQUAL(dayMicros(200), e.updatedTimestampMicros);
        }
        CPPUNIT_ASSERT(!r.latest("rec-2", "c1")->isDeleted);  // other records untouched
    });
    // the same state again changes nothing and takes no change number
    _clock.set(dayMicros(300));
    tx([&](RepositoryTx& r) { CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, r.setDeleted("rec-1", true, dayMicros(7))); });
    CPPUNIT_ASSERT_EQUAL(appended + 1, counter());
    // only the rows that differ are counted, stamped and re-dated
    tx([&](RepositoryTx& r) {
        r.append(makeEvent("rec-1", "c2", "added", dayMicros(3)));  // not deleted yet
        CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, r.setDeleted("rec-1", true, dayMicros(7)));
    });
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db(), "SELECT count(*) FROM stats_community_events "
                                                       "WHERE updated_timestamp_us = $1", {dayMicros(300)}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, scalar(db(), "SELECT count(*) FROM stats_community_events "
                                                       "WHERE updated_timestamp_us = $1", {dayMicros(200)}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, scalar(db(), "SELECT count(*) FROM stats_community_events "
                                                       "WHERE change_seq = $1", {appended + 1}));
    // a new date counts as a difference
    tx([&](RepositoryTx& r) { CPPUNIT_ASSERT_EQUAL(std::uint64_t{4}, r.setDeleted("rec-1", true, dayMicros(8))); });
    // clear: both flag and date
    _clock.set(dayMicros(400));
    tx([&](RepositoryTx& r) {
        CPPUNIT_ASSERT_EQUAL(std::uint64_t{4}, r.setDeleted("rec-1", false, 0));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, r.setDeleted("rec-1", false, 0));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, r.setDeleted("rec-none", true, 1));
        for (const CommunityEvent& e : r.eventsOf("rec-1")) {
            CPPUNIT_ASSERT(!e.isDeleted);
            CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, e.deletedDateMicros);
            CPPUNIT_ASSERT_EQUAL(dayMicros(400), e.updatedTimestampMicros);
        }
    });
    CPPUNIT_ASSERT_EQUAL(std::int64_t{5},
                         scalar(db(), "SELECT count(*) FROM stats_community_events WHERE deleted_date_us IS NULL"));
}

void RepositoryContract::testChangeSeq() {
    if (!ready()) return;
    std::int64_t first = 0, second = 0;
    tx([&](RepositoryTx& r) {
        r.putCommunity(makeCommunity("c1", "one"));
        r.insertRecord(makeRecord("rec-1", "par-1", dayMicros(1)));
        r.setCommunitiesOf("par-1", {"c1"});
        r.append(makeEvent("rec-1", "c1", "added", dayMicros(1)));
        r.append(makeEvent("rec-1", "global", "added", dayMicros(1)));
        first = r.changeSeq();
        CPPUNIT_ASSERT_EQUAL(first, r.changeSeq());  // one number per transaction
    });
    CPPUNIT_ASSERT(first > 0);
    for (const char* table : {"repo_communities", "repo_records", "repo_parents", "repo_parent_communities",
                              "stats_community_events"})
        CPPUNIT_ASSERT_EQUAL_MESSAGE(table, std::int64_t{0},
                                     scalar(db(), std::string("SELECT count(*) FROM ") + table +
                                                      " WHERE change_seq <> $1", {first}));
    // reads take no number
    tx([&](RepositoryTx& r) {
        r.record("rec-1");
        r.eventsOf("rec-1");
        r.forEachRecord(0, 0, {}, [](const repository::RecordRow&) {});
    });
    CPPUNIT_ASSERT_EQUAL(first, counter());
    // updates are stamped with the updating transaction's number
    tx([&](RepositoryTx& r) {
        repository::CommunityRow c = *r.community("c1");
        c.title = "Changed";
        r.putCommunity(c);
        r.setRecordDeleted("rec-1", true, dayMicros(2));
        r.setDeleted("rec-1", true, dayMicros(2));
        r.setCommunitiesOf("par-1", {"c1", "c2"});
        second = r.changeSeq();
    });
    CPPUNIT_ASSERT(second > first);
    CPPUNIT_ASSERT_EQUAL(second, scalar(db(), "SELECT change_seq FROM repo_communities WHERE id = 'c1'"));
    CPPUNIT_ASSERT_EQUAL(second, scalar(db(), "SELECT change_seq FROM repo_records WHERE record_id = 'rec-1'"));
    CPPUNIT_ASSERT_EQUAL(second, scalar(db(), "SELECT change_seq FROM repo_parents WHERE parent_id = 'par-1'"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2},
                         scalar(db(), "SELECT count(*) FROM stats_community_events WHERE change_seq = $1", {second}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db(), "SELECT count(*) FROM repo_parent_communities "
                                                       "WHERE change_seq = $1", {second}));
    // what changed since `first`, as an aggregator asks
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1},
                         scalar(db(), "SELECT count(*) FROM repo_records WHERE change_seq > $1", {first}));
    // taken up front (before any write), e.g. ahead of a savepoint
    tx([&](RepositoryTx& r) {
        std::int64_t third = r.changeSeq();
        CPPUNIT_ASSERT(third > second);
        r.append(makeEvent("rec-9", "c1", "added", dayMicros(3)));
        CPPUNIT_ASSERT_EQUAL(third, r.changeSeq());
    });
    CPPUNIT_ASSERT_EQUAL(counter(), scalar(db(), "SELECT change_seq FROM stats_community_events WHERE record_id = 'rec-9'"));
}

}  // namespace statshost::test
