// The uploaders delta family (issue 8, F3 stats-community-uploaders-delta) end to end on SQLite and
// PostgreSQL, against hand-computed values and the records delta of the created basis.
#include <cppunit/extensions/HelperMacros.h>

#include <Poco/JSON/Array.h>

#include "LeaderboardTestSupport.h"

using namespace statshost;
using namespace statshost::test;
using aggregators::DateBasis;
using aggregators::RecordsKind;

namespace {

TestRecord record(const std::string& id, const std::string& parent, const std::string& created,
                  const std::string& communities, const std::string& owner, std::int64_t bytes) {
    TestRecord r(id, parent);
    r.created = created;
    r.communities = communities;
    r.owner = owner;
    if (bytes > 0) r.files = {{id + ".csv", bytes, ""}};
    return r;
}

void run(AggregationHarness& h, TestAggregation& agg, const std::string& asOf) { expectNoErrors(h.run(agg, asOf), agg.name); }

/// "id:records/parents/volume" of each uploader, joined by ",".
std::string uploaders(const Poco::JSON::Object::Ptr& doc) {
    if (!doc) return "(no document)";
    std::string out;
    auto list = doc->getArray("uploaders");
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto u = list->getObject(static_cast<unsigned>(i));
        out += (i ? "," : "") + u->getValue<std::string>("id") + ":" + std::to_string(integer(u, "records")) + "/" +
               std::to_string(integer(u, "parents")) + "/" + std::to_string(integer(u, "data_volume"));
    }
    return out;
}

}  // namespace

class UploadersDeltaTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UploadersDeltaTest);
    CPPUNIT_TEST(ownersVersionsAndSameDayAddRemove);
    CPPUNIT_TEST(incrementalEqualsFromScratch);
    CPPUNIT_TEST_SUITE_END();

public:
    void ownersVersionsAndSameDayAddRemove() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.at("2024-01-01T09:00:00Z");
            h.community("ca");
            h.at("2024-01-01T12:00:00Z");
            // Owner 7: two versions of p1 (100 + 30 bytes); owner 8: one metadata-only record; r4 has no owner.
            h.publish(record("r1", "p1", "2024-01-01T10:00:00Z", "ca", "7", 100));
            h.publish(record("r2", "p1", "2024-01-01T11:00:00Z", "ca", "7", 30));
            h.publish(record("r3", "p3", "2024-01-01T10:00:00Z", "ca", "8", 0));
            h.publish(record("r4", "p4", "2024-01-01T10:00:00Z", "ca", "", 5));
            // r5 (owner 9) is created, added to ca and removed from it on 01-03: an interval that ends on
            // its start day, so it never enters ca; it does enter global that day.
            h.at("2024-01-03T08:00:00Z");
            h.publish(record("r5", "p5", "2024-01-03T07:00:00Z", "-", "9", 10));
            h.at("2024-01-03T09:00:00Z");
            h.add("r5", "ca");
            h.at("2024-01-03T10:00:00Z");
            h.remove("r5", "ca");

            LeaderboardAggregations lb = makeLeaderboard(h.storage());
            TestAggregation records = h.make(RecordsKind::Delta, DateBasis::Created);
            run(h, lb.uploaders, "2024-01-05");
            run(h, records, "2024-01-05");
            const std::string& f3 = lb.uploaders.alias;

            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01"), storedDayList(h.storage(), f3, "ca"));
            auto ca = storedDoc(h.storage(), f3, "ca", "2024-01-01");
            CPPUNIT_ASSERT_EQUAL(std::string("ca"), ca->getValue<std::string>("community_id"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01T00:00:00"), ca->getValue<std::string>("period_start"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(4), integer(ca, "records_added"));  // r1..r4, r4 without owner
            CPPUNIT_ASSERT_EQUAL(std::string("7:2/1/130,8:1/1/0"), uploaders(ca));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01,2024-01-03"), storedDayList(h.storage(), f3, "global"));
            CPPUNIT_ASSERT_EQUAL(std::string("7:2/1/130,8:1/1/0"), uploaders(storedDoc(h.storage(), f3, "global", "2024-01-01")));
            CPPUNIT_ASSERT_EQUAL(std::string("9:1/1/10"), uploaders(storedDoc(h.storage(), f3, "global", "2024-01-03")));

            // records_added equals the created-basis records delta on every day it is not zero.
            const auto mine = positiveByDay(h.storage(), f3, "records_added");
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), mine.size());  // ca 01-01, global 01-01 and 01-03
            CPPUNIT_ASSERT(mine == positiveByDay(h.storage(), records.alias, "records_added"));
        });
    }

    void incrementalEqualsFromScratch() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.at("2024-02-01T09:00:00Z");
            h.community("ca");
            h.community("cb");
            h.publish(record("r1", "p1", "2024-02-01T08:00:00Z", "ca", "7", 100));
            h.publish(record("r2", "p2", "2024-02-01T08:00:00Z", "-", "8", 0));
            LeaderboardAggregations lb = makeLeaderboard(h.storage());
            run(h, lb.uploaders, "2024-02-05");
            CPPUNIT_ASSERT_EQUAL(std::string(""), storedDayList(h.storage(), lb.uploaders.alias, "cb"));

            // r2 joins cb, r1 moves to cb on 02-10, a new version of p1 by another owner, and r1 is deleted.
            h.at("2024-02-10T09:00:00Z");
            h.add("r2", "cb");
            h.add("r1", "cb");
            h.remove("r1", "ca");
            h.publish(record("r3", "p1", "2024-02-10T08:00:00Z", "ca", "9", 20));
            h.at("2024-02-12T09:00:00Z");
            h.deleteRecord("r1");
            run(h, lb.uploaders, "2024-02-12");
            // Created basis: a record's first interval in a community starts on its created day, so both
            // r1 and r2 enter cb on 02-01 (r1 keeps that day after its deletion).
            CPPUNIT_ASSERT_EQUAL(std::string("2024-02-01"), storedDayList(h.storage(), lb.uploaders.alias, "cb"));
            CPPUNIT_ASSERT_EQUAL(std::string("7:1/1/100,8:1/1/0"),
                                 uploaders(storedDoc(h.storage(), lb.uploaders.alias, "cb", "2024-02-01")));
            CPPUNIT_ASSERT_EQUAL(std::string("9:1/1/20"), uploaders(storedDoc(h.storage(), lb.uploaders.alias, "ca", "2024-02-10")));

            LeaderboardAggregations fresh = makeLeaderboard(h.storage(), "-fresh");
            run(h, fresh.uploaders, "2024-02-12");
            assertSameBodies(h.storage(), lb.uploaders.alias, fresh.uploaders.alias);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UploadersDeltaTest);
