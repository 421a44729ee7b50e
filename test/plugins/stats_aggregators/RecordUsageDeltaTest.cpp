// The per-record usage families (issue 8) end to end: F1 stats-community-record-usage-delta and F2
// stats-record-usage-delta over real repository services, real usage store, real host source and
// DocumentStore, on SQLite and PostgreSQL. Every expectation is computed by hand in the comments.
#include <cppunit/extensions/HelperMacros.h>

#include "LeaderboardAggregators.h"
#include "LeaderboardTestSupport.h"
#include "statshost/Errors.h"
#include "UsageTestSupport.h"

using namespace statshost;
using namespace statshost::test;

namespace {

const char* kUsageDelta = "stats-community-usage-delta";

void onEachBackend(const std::function<void(UsageHarness&)>& body) {
    onBothBackends([&](TestBackend& backend) {
        UsageHarness u(backend);
        body(u);
    });
}

void run(UsageHarness& u, TestAggregation& agg, const std::string& asOf) { expectNoErrors(u.runOne(agg, asOf), agg.name); }

/// F1 and F2 of `a` and `b` hold the same bodies.
void assertSameRecordUsage(UsageHarness& u, const LeaderboardAggregations& a, const LeaderboardAggregations& b) {
    assertSameBodies(u.storage(), a.recordUsage.alias, b.recordUsage.alias);
    assertSameBodies(u.storage(), a.recordAlias, b.recordAlias);
}

/// The usage delta's totals in F1's terms: "v<events>/<visitors> d<events>/<visitors>/<volume>".
std::string usageDeltaTotals(const Poco::JSON::Object::Ptr& doc) {
    if (!doc) return "(none)";
    auto n = [&](const char* path) { return std::to_string(number(doc->getObject("totals"), path)); };
    return "v" + n("view.total_events") + "/" + n("view.unique_visitors") + " d" + n("download.total_events") + "/" +
           n("download.unique_visitors") + "/" + n("download.total_volume");
}

}  // namespace

class RecordUsageDeltaTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RecordUsageDeltaTest);
    CPPUNIT_TEST(versionsParentsAndUniqueVisitors);
    CPPUNIT_TEST(attributionFollowsMovesAndDeletedRecordsKeepTheirDays);
    CPPUNIT_TEST(incrementalEqualsFromScratchAfterLateEventsAndMembershipChanges);
    CPPUNIT_TEST(communityFilterAndTickCatchUp);
    CPPUNIT_TEST(templatesAndConfiguration);
    CPPUNIT_TEST_SUITE_END();

public:
    void versionsParentsAndUniqueVisitors() {
        onEachBackend([](UsageHarness& u) {
            versionsWorld(u);  // r1, r2 (versions of p1), r3; 4 views and 4 downloads on 2024-02-01
            LeaderboardAggregations lb = makeLeaderboard(u.storage());
            UsagePair pair = u.makePair();
            u.run(pair, "2024-02-02");
            run(u, lb.recordUsage, "2024-02-02");

            for (const char* community : {"ca", "global"}) {
                CPPUNIT_ASSERT_EQUAL(std::string("2024-02-01"), storedDayList(u.storage(), lb.recordUsage.alias, community));
                auto doc = storedDoc(u.storage(), lb.recordUsage.alias, community, "2024-02-01");
                CPPUNIT_ASSERT_EQUAL(std::string(community), doc->getValue<std::string>("community_id"));
                CPPUNIT_ASSERT_EQUAL(std::string("2024-02-01T00:00:00"), doc->getValue<std::string>("period_start"));
                CPPUNIT_ASSERT_EQUAL(std::string("2024-02-01T23:59:59"), doc->getValue<std::string>("period_end"));
                // views 4 by v1 v2; downloads 4 by v1 v2, 100 + 100 + 50 + 30 bytes — the usage delta's totals.
                CPPUNIT_ASSERT_EQUAL(std::string("v4/2 d4/2/280"), usageLine(doc->getObject("totals")));
                CPPUNIT_ASSERT_EQUAL(usageDeltaTotals(u.day(kUsageDelta, community, "2024-02-01")),
                                     usageLine(doc->getObject("totals")));
                CPPUNIT_ASSERT_EQUAL(std::string("r1,r2,r3"), entryIds(doc, "records"));
                // r1: views v1 v1; downloads v1 (100) v2 (100) v2 (50).
                CPPUNIT_ASSERT_EQUAL(std::string("v2/1 d3/2/250"), usageLine(entry(doc, "records", "r1")));
                CPPUNIT_ASSERT_EQUAL(std::string("p1"), entry(doc, "records", "r1")->getValue<std::string>("parent"));
                // r2: view v2; download v1 (30).  r3: view v1.
                CPPUNIT_ASSERT_EQUAL(std::string("v1/1 d1/1/30"), usageLine(entry(doc, "records", "r2")));
                CPPUNIT_ASSERT_EQUAL(std::string("v1/1 d0/0/0"), usageLine(entry(doc, "records", "r3")));
                CPPUNIT_ASSERT_EQUAL(std::string("p3"), entry(doc, "records", "r3")->getValue<std::string>("parent"));
                // p1 = r1 + r2: downloaders v1 v2 over both versions = 2, while the versions' sum is 2 + 1 = 3.
                CPPUNIT_ASSERT_EQUAL(std::string("p1,p3"), entryIds(doc, "parents"));
                CPPUNIT_ASSERT_EQUAL(std::string("v3/2 d4/2/280"), usageLine(entry(doc, "parents", "p1")));
                CPPUNIT_ASSERT_EQUAL(std::int64_t(2), integer(entry(doc, "parents", "p1"), "versions"));
                CPPUNIT_ASSERT_EQUAL(std::string("v1/1 d0/0/0"), usageLine(entry(doc, "parents", "p3")));
                CPPUNIT_ASSERT_EQUAL(std::int64_t(1), integer(entry(doc, "parents", "p3"), "versions"));
            }

            // F2: one document per parent and day, the parent id as its community id.
            CPPUNIT_ASSERT_EQUAL(std::string("2024-02-01"), storedDayList(u.storage(), lb.recordAlias, "p1"));
            auto p1 = storedDoc(u.storage(), lb.recordAlias, "p1", "2024-02-01");
            CPPUNIT_ASSERT_EQUAL(std::string("p1"), p1->getValue<std::string>("parent_id"));
            CPPUNIT_ASSERT_EQUAL(std::string("r1,r2"), entryIds(p1, "versions"));
            CPPUNIT_ASSERT_EQUAL(std::string("v2/1 d3/2/250"), usageLine(entry(p1, "versions", "r1")));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1 d1/1/30"), usageLine(entry(p1, "versions", "r2")));
            CPPUNIT_ASSERT_EQUAL(std::string("v3/2 d4/2/280"), usageLine(p1->getObject("all_versions")));
            auto p3 = storedDoc(u.storage(), lb.recordAlias, "p3", "2024-02-01");
            CPPUNIT_ASSERT_EQUAL(std::string("r3"), entryIds(p3, "versions"));
            CPPUNIT_ASSERT_EQUAL(std::string("p1 2024-02-01,p3 2024-02-01"), [&] {
                std::string all;
                for (const auto& [key, body] : bodiesWithoutTimestamps(u.storage(), lb.recordAlias))
                    all += (all.empty() ? "" : ",") + key;
                return all;
            }());
        });
    }

    void attributionFollowsMovesAndDeletedRecordsKeepTheirDays() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.community("cb");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            // 10:00 in ca; 13:00 after the move to cb at 12:00; 03-06 after the deletion on 03-05.
            u.view("2024-03-01T10:00:00Z", "r1", "v1");
            u.download("2024-03-01T13:00:00Z", "r1", "v2", "a.csv");
            u.view("2024-03-06T09:00:00Z", "r1", "v3");
            u.ingest();
            h.at("2024-03-01T12:00:00Z");
            h.add("r1", "cb");
            h.remove("r1", "ca");
            h.at("2024-03-05T00:00:00Z");
            h.deleteRecord("r1");

            LeaderboardAggregations lb = makeLeaderboard(u.storage());
            run(u, lb.recordUsage, "2024-03-07");
            const std::string& f1 = lb.recordUsage.alias;
            // ca: the view before the move; cb: the download after it; global: both, and the deleted
            // record's 03-06 view (events count in global whatever the membership).
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), storedDayList(u.storage(), f1, "ca"));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1 d0/0/0"),
                                 usageLine(entry(storedDoc(u.storage(), f1, "ca", "2024-03-01"), "records", "r1")));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), storedDayList(u.storage(), f1, "cb"));
            CPPUNIT_ASSERT_EQUAL(std::string("v0/0 d1/1/100"),
                                 usageLine(entry(storedDoc(u.storage(), f1, "cb", "2024-03-01"), "records", "r1")));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-06"), storedDayList(u.storage(), f1, "global"));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1 d1/1/100"),
                                 usageLine(storedDoc(u.storage(), f1, "global", "2024-03-01")->getObject("totals")));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-06"), storedDayList(u.storage(), lb.recordAlias, "p1"));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1 d0/0/0"),
                                 usageLine(storedDoc(u.storage(), lb.recordAlias, "p1", "2024-03-06")->getObject("all_versions")));

            // Restored: cb's membership covers 03-06 again; the incremental run equals a fresh one.
            h.at("2024-03-10T00:00:00Z");
            h.restoreRecord("r1");
            run(u, lb.recordUsage, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-06"), storedDayList(u.storage(), f1, "cb"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), storedDayList(u.storage(), f1, "ca"));
            LeaderboardAggregations fresh = makeLeaderboard(u.storage(), "-fresh");
            run(u, fresh.recordUsage, "2024-03-10");
            assertSameRecordUsage(u, lb, fresh);
        });
    }

    void incrementalEqualsFromScratchAfterLateEventsAndMembershipChanges() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.community("cb");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            h.publish(recordWithFiles("r2", "p2", "-", {}));
            u.view("2024-03-01T10:00:00Z", "r1", "v1");
            u.view("2024-03-01T11:00:00Z", "r2", "v1");
            u.view("2024-03-10T10:00:00Z", "r1", "v2");
            u.ingest();
            LeaderboardAggregations lb = makeLeaderboard(u.storage());
            run(u, lb.recordUsage, "2024-03-10");
            const std::string& f1 = lb.recordUsage.alias;
            CPPUNIT_ASSERT_EQUAL(std::string(""), storedDayList(u.storage(), f1, "cb"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), storedDayList(u.storage(), lb.recordAlias, "p2"));

            // r1 joins cb on 03-05 (its 03-10 view now also counts there); a late download of r1 on
            // 03-01 and a late view of r2 on 03-02 arrive.
            h.at("2024-03-05T00:00:00Z");
            h.add("r1", "cb");
            u.download("2024-03-01T15:00:00Z", "r1", "v3", "a.csv");
            u.view("2024-03-02T09:00:00Z", "r2", "v4");
            u.ingest();
            run(u, lb.recordUsage, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-10"), storedDayList(u.storage(), f1, "cb"));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1 d1/1/100"),
                                 usageLine(storedDoc(u.storage(), f1, "ca", "2024-03-01")->getObject("totals")));
            // global 03-01: views r1 v1, r2 v1 (one visitor), the late download.
            CPPUNIT_ASSERT_EQUAL(std::string("v2/1 d1/1/100"),
                                 usageLine(storedDoc(u.storage(), f1, "global", "2024-03-01")->getObject("totals")));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-02"), storedDayList(u.storage(), lb.recordAlias, "p2"));

            // From scratch (F2 replaced one day at a time) gives the same bodies.
            LeaderboardAggregations fresh = makeLeaderboard(u.storage(), "-fresh", 1);
            run(u, fresh.recordUsage, "2024-03-10");
            assertSameRecordUsage(u, lb, fresh);
            // Nothing new: a third run keeps every body.
            const auto before = bodiesWithoutTimestamps(u.storage(), lb.recordAlias);
            run(u, lb.recordUsage, "2024-03-10");
            CPPUNIT_ASSERT(before == bodiesWithoutTimestamps(u.storage(), lb.recordAlias));
        });
    }

    void communityFilterAndTickCatchUp() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            for (const char* day : {"2024-03-01", "2024-03-03", "2024-03-05", "2024-03-08"})
                u.view(std::string(day) + "T10:00:00Z", "r1", "v1");
            u.ingest();
            LeaderboardAggregations lb = makeLeaderboard(u.storage());
            // Only ca: global is not recomputed, so the per-parent index stays empty.
            expectNoErrors(u.runOne(lb.recordUsage, "2024-03-08", [](AggregationRequest& r) { r.communityIds = {"ca"}; }),
                           lb.recordUsage.name);
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-03,2024-03-05,2024-03-08"),
                                 storedDayList(u.storage(), lb.recordUsage.alias, "ca"));
            CPPUNIT_ASSERT_EQUAL(std::string(""), storedDayList(u.storage(), lb.recordAlias, ""));
            // Scheduler ticks of at most 3 days (a tick goes on while a window held fewer documents than
            // that): global and F2 catch up over several runs and end equal to a from-scratch run.
            h.settings().catchupDays = 3;
            expectNoErrors(u.runOne(lb.recordUsage, "2024-03-08", [](AggregationRequest& r) { r.tick = true; }),
                           lb.recordUsage.name);
            for (int i = 0; i < 5; ++i)
                expectNoErrors(u.runOne(lb.recordUsage, "2024-03-08", [](AggregationRequest& r) { r.tick = true; }),
                               lb.recordUsage.name);
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-03,2024-03-05,2024-03-08"),
                                 storedDayList(u.storage(), lb.recordAlias, "p1"));
            LeaderboardAggregations fresh = makeLeaderboard(u.storage(), "-fresh");
            run(u, fresh.recordUsage, "2024-03-08");
            assertSameRecordUsage(u, lb, fresh);
        });
    }

    void templatesAndConfiguration() {
        onEachBackend([](UsageHarness& u) {
            LeaderboardAggregations lb = makeLeaderboard(u.storage());
            auto templates = lb.recordUsage.aggregator->indexTemplates();
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), templates.size());
            CPPUNIT_ASSERT_EQUAL(lb.recordUsage.alias, templates[0].alias);
            CPPUNIT_ASSERT_EQUAL(lb.recordAlias, templates[1].alias);
            for (const IndexTemplate& t : templates) CPPUNIT_ASSERT(t.fill == FillRule::None);
            auto uploaders = lb.uploaders.aggregator->indexTemplates();
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), uploaders.size());
            CPPUNIT_ASSERT(uploaders[0].fill == FillRule::None);
            // record_index must differ from the aggregation's own alias; unknown params are refused.
            aggregators::CommunityRecordUsageDeltaAggregator bad;
            Poco::Dynamic::Struct<std::string> same;
            same["record_index"] = "x";
            CPPUNIT_ASSERT_THROW(bad.configure(AggregatorSetup{"n", "x", Params(Poco::Dynamic::Var(same), "p")}), ConfigError);
            Poco::Dynamic::Struct<std::string> unknown;
            unknown["other"] = "y";
            aggregators::CommunityRecordUsageDeltaAggregator bad2;
            CPPUNIT_ASSERT_THROW(bad2.configure(AggregatorSetup{"n", "x", Params(Poco::Dynamic::Var(unknown), "p")}),
                                 ConfigError);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecordUsageDeltaTest);
