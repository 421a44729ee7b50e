// Contract: forEachRecord / forEachEvent filters and keyset paging, with writes from inside the callback.
#include <cstdio>
#include <limits>
#include <set>

#include "RepositoryContract.h"
#include "repository/RepositorySql.h"

namespace statshost::test {

using repository::RecordRow;
using repository::RepositoryTx;

namespace {

std::string paddedId(const std::string& prefix, int n) {
    char text[16];
    std::snprintf(text, sizeof text, "%05d", n);
    return prefix + text;
}

}  // namespace

void RepositoryContract::testForEachRecordFilters() {
    if (!ready()) return;
    tx([&](RepositoryTx& r) {
        r.insertRecord(makeRecord("r-b", "p", dayMicros(1)));
        r.insertRecord(makeRecord("r-a", "p", dayMicros(1)));  // ties on created: id decides
        r.insertRecord(makeRecord("r-d", "p", dayMicros(3)));
        r.insertRecord(makeRecord("r-c", "p", dayMicros(2)));
        r.insertRecord(makeRecord("r-e", "p", dayMicros(-1)));
    });
    auto scan = [&](std::int64_t from, std::int64_t to, const std::vector<std::string>& ids) {
        std::vector<std::string> seen;
        tx([&](RepositoryTx& r) {
            r.forEachRecord(from, to, ids, [&](const RecordRow& row) {
                CPPUNIT_ASSERT(row.files.empty() && row.facets.empty());  // not read by scans
                CPPUNIT_ASSERT_EQUAL(std::int64_t{3000000000}, row.dataVolume);
                CPPUNIT_ASSERT_EQUAL(std::string("p"), row.ref.parentId);
                seen.push_back(row.ref.recordId);
            });
        });
        return seen;
    };
    using V = std::vector<std::string>;
    CPPUNIT_ASSERT((scan(0, 0, {}) == V{"r-e", "r-a", "r-b", "r-c", "r-d"}));
    CPPUNIT_ASSERT((scan(dayMicros(1), dayMicros(3), {}) == V{"r-a", "r-b", "r-c"}));  // [from, to)
    CPPUNIT_ASSERT((scan(dayMicros(2), 0, {}) == V{"r-c", "r-d"}));
    CPPUNIT_ASSERT((scan(0, dayMicros(1), {}) == V{"r-e"}));
    CPPUNIT_ASSERT((scan(dayMicros(4), 0, {}) == V{}));
    CPPUNIT_ASSERT((scan(0, 0, {"r-d", "r-a", "r-missing", "r-a"}) == V{"r-a", "r-d"}));
    CPPUNIT_ASSERT((scan(dayMicros(2), 0, {"r-d", "r-a", "r-c"}) == V{"r-c", "r-d"}));
    CPPUNIT_ASSERT((scan(0, dayMicros(2), {"r-d", "r-b", "r-e"}) == V{"r-e", "r-b"}));
    CPPUNIT_ASSERT((scan(0, 0, {"r-missing"}) == V{}));
    CPPUNIT_ASSERT((scan(0, 0, {"quote\"back\\slash\ttab"}) == V{}));  // ids travel as JSON text
}

void RepositoryContract::testForEachRecordPaging() {
    if (!ready()) return;
    const int count = 2600;  // 3 pages; created dates tie across page boundaries
    tx([&](RepositoryTx& r) {
        for (int i = 0; i < count; ++i)
            r.insertRecord(bareRecord(paddedId("r", (i * 7919) % count), "p" + std::to_string(i % 10), dayMicros(i / 7)));
    });
    // the record visited last: (greatest created, then greatest id)
    std::string lastId;
    for (int i = 0; i < count; ++i)
        if (i / 7 == (count - 1) / 7) lastId = std::max(lastId, paddedId("r", (i * 7919) % count));
    std::set<std::string> visited;
    std::pair<std::int64_t, std::string> previous{std::numeric_limits<std::int64_t>::min(), ""};
    int checked = 0;
    tx([&](RepositoryTx& r) {
        r.forEachRecord(0, 0, {}, [&](const RecordRow& row) {
            // pages are read between visits: a write to a later page is seen when the scan gets there
            if (visited.empty()) r.setRecordDeleted(lastId, true, dayMicros(777));
            if (row.ref.recordId == lastId) {
                CPPUNIT_ASSERT_EQUAL(std::size_t(count - 1), visited.size());
                CPPUNIT_ASSERT_EQUAL(dayMicros(777), row.ref.deletedMicros);
            }
            std::pair<std::int64_t, std::string> key{row.ref.createdMicros, row.ref.recordId};
            CPPUNIT_ASSERT(previous < key);
            previous = key;
            CPPUNIT_ASSERT(visited.insert(row.ref.recordId).second);
            // writes through the same transaction while the scan goes on
            r.setRecordDeleted(row.ref.recordId, true, dayMicros(500));
            r.append(makeEvent(row.ref.recordId, "global", "added", row.ref.createdMicros));
            if (visited.size() % 250 == 0) {
                CPPUNIT_ASSERT(r.record(row.ref.recordId)->isDeleted);
                ++checked;
            }
        });
    });
    CPPUNIT_ASSERT_EQUAL(std::size_t(count), visited.size());
    CPPUNIT_ASSERT_EQUAL(count / 250, checked);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{count}, scalar(db(), "SELECT count(*) FROM repo_records WHERE is_deleted = 1"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{count}, scalar(db(), "SELECT count(*) FROM stats_community_events"));

    // only given ids (more than a page of them), within a range, with writes
    std::vector<std::string> ids;
    for (int i = 0; i < count; i += 2) ids.push_back(paddedId("r", i));
    ids.push_back("r-unknown");
    std::vector<std::string> seen;
    previous = {std::numeric_limits<std::int64_t>::min(), ""};
    tx([&](RepositoryTx& r) {
        r.forEachRecord(dayMicros(10), dayMicros(300), ids, [&](const RecordRow& row) {
            std::pair<std::int64_t, std::string> key{row.ref.createdMicros, row.ref.recordId};
            CPPUNIT_ASSERT(previous < key);
            previous = key;
            CPPUNIT_ASSERT(row.ref.createdMicros >= dayMicros(10) && row.ref.createdMicros < dayMicros(300));
            CPPUNIT_ASSERT(row.ref.isDeleted);  // the state committed above
            r.setRecordDeleted(row.ref.recordId, false, 0);
            seen.push_back(row.ref.recordId);
        });
    });
    std::int64_t expected = 0;
    for (int i = 0; i < count; ++i) {
        int id = (i * 7919) % count;
        if (id % 2 == 0 && i / 7 >= 10 && i / 7 < 300) ++expected;
    }
    CPPUNIT_ASSERT(expected > static_cast<std::int64_t>(repository::sql::kPageSize));
    CPPUNIT_ASSERT_EQUAL(expected, static_cast<std::int64_t>(seen.size()));
    CPPUNIT_ASSERT_EQUAL(expected, scalar(db(), "SELECT count(*) FROM repo_records WHERE is_deleted = 0"));
}

void RepositoryContract::testForEachEventPaging() {
    if (!ready()) return;
    const int count = 2700;
    tx([&](RepositoryTx& r) {
        for (int i = 0; i < count; ++i)  // dates tie in groups and run backwards against insertion order
            r.append(makeEvent(paddedId("r", i % 900), i % 3 == 2 ? "c2" : "c1", "added", dayMicros(1000 - i / 11)));
    });
    auto ordered = [](const CommunityEvent& a, const CommunityEvent& b) {
        return a.eventDateMicros < b.eventDateMicros || (a.eventDateMicros == b.eventDateMicros && a.seq < b.seq);
    };
    int seen = 0;
    std::optional<CommunityEvent> previous;
    tx([&](RepositoryTx& r) {
        r.forEachEvent("c1", [&](const CommunityEvent& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("c1"), e.communityId);
            // pages are read between visits: a write to a later page is seen when the scan gets there
            if (seen == 0) CPPUNIT_ASSERT_EQUAL(std::uint64_t{3}, r.setDeleted("r00000", true, dayMicros(777)));
            if (e.recordId == "r00000" && e.eventDateMicros == dayMicros(1000))  // i = 0: among the last visited
                CPPUNIT_ASSERT_EQUAL(dayMicros(777), e.deletedDateMicros);
            if (previous) CPPUNIT_ASSERT(ordered(*previous, e));
            previous = e;
            ++seen;
            r.append(makeEvent(e.recordId, "c3", "removed", e.eventDateMicros));  // another community: not visited
        });
    });
    CPPUNIT_ASSERT_EQUAL(count / 3 * 2, seen);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{count / 3 * 2},
                         scalar(db(), "SELECT count(*) FROM stats_community_events WHERE community_id = 'c3'"));

    // every community, with updates of visited rows
    seen = 0;
    previous.reset();
    std::set<std::int64_t> seqs;
    tx([&](RepositoryTx& r) {
        r.forEachEvent("", [&](const CommunityEvent& e) {
            if (previous) CPPUNIT_ASSERT(ordered(*previous, e));
            previous = e;
            CPPUNIT_ASSERT(seqs.insert(e.seq).second);
            ++seen;
            if (e.recordId == "r00007") r.setDeleted(e.recordId, true, dayMicros(2000));
        });
    });
    CPPUNIT_ASSERT_EQUAL(count + count / 3 * 2, seen);
    const std::int64_t ofRecord = scalar(db(), "SELECT count(*) FROM stats_community_events WHERE record_id = 'r00007'");
    CPPUNIT_ASSERT(ofRecord >= 3);
    CPPUNIT_ASSERT_EQUAL(ofRecord, scalar(db(), "SELECT count(*) FROM stats_community_events "
                                                 "WHERE is_deleted = 1 AND record_id = 'r00007'"));
    seen = 0;
    tx([&](RepositoryTx& r) { r.forEachEvent("nobody", [&](const CommunityEvent&) { ++seen; }); });
    CPPUNIT_ASSERT_EQUAL(0, seen);
}

}  // namespace statshost::test
