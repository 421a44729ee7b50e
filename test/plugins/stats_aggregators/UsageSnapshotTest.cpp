// The usage snapshot family (SEMANTICS §6, §10.16) and the incremental rules of both usage families
// (§8): real repository, usage store, host source and DocumentStore, on SQLite and PostgreSQL.
#include <cppunit/extensions/HelperMacros.h>

#include "UsageAggregators.h"
#include "UsageTestSupport.h"

using namespace statshost;
using namespace statshost::test;

namespace {

const char* kDelta = "stats-community-usage-delta";
const char* kSnapshot = "stats-community-usage-snapshot";

void onEachBackend(const std::function<void(UsageHarness&)>& body) {
    onBothBackends([&](TestBackend& backend) {
        UsageHarness u(backend);
        body(u);
    });
}

std::string twoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

/// Stored documents of both families of `pair`, without timestamps, keyed by community, day and id.
std::map<std::string, std::string> storedPair(UsageHarness& u, const UsagePair& pair) {
    auto out = u.h().storedWithoutTimestamps(pair.deltaAlias());
    for (auto& [key, body] : u.h().storedWithoutTimestamps(pair.snapshotAlias())) out["snapshot " + key] = body;
    return out;
}

/// A fresh pair run once from scratch as of `asOf` must have stored exactly what `incremental` has.
void assertSameAsFromScratch(UsageHarness& u, UsagePair& incremental, const std::string& asOf, const std::string& suffix) {
    UsagePair fresh = u.makePair(suffix);
    u.run(fresh, asOf);
    const auto a = storedPair(u, incremental);
    const auto b = storedPair(u, fresh);
    CPPUNIT_ASSERT_EQUAL_MESSAGE("document count as of " + asOf, b.size(), a.size());
    for (const auto& [key, body] : b) {
        auto it = a.find(key);
        CPPUNIT_ASSERT_MESSAGE("missing incrementally: " + key + " as of " + asOf, it != a.end());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(key + " as of " + asOf, body, it->second);
    }
}

}  // namespace

class UsageSnapshotTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsageSnapshotTest);
    CPPUNIT_TEST(runningSumsAcrossDaysAndCarryForward);
    CPPUNIT_TEST(allListsEveryItemTopListsTheFirstTwenty);
    CPPUNIT_TEST(topItemsKeepTheirSumsWhileOutsideTheTop);
    CPPUNIT_TEST(unchangedDeltasLeaveSnapshotsAlone);
    CPPUNIT_TEST(lateDataIncrementallyEqualsFromScratch);
    CPPUNIT_TEST(documentsInManySmallPartsAreTheSame);
    CPPUNIT_TEST(configurationAndTemplates);
    CPPUNIT_TEST_SUITE_END();

public:
    void runningSumsAcrossDaysAndCarryForward() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            h.publish(recordWithFiles("r2", "p2", "ca", {{"b.pdf", 7}}));
            // 2024-12-31: v1 and v2 view r1, v1 downloads a.csv.  2025-01-02: v1 views r1 and r2, downloads b.pdf.
            u.view("2024-12-31T08:00:00Z", "r1", "v1");
            u.view("2024-12-31T09:00:00Z", "r1", "v2");
            u.download("2024-12-31T09:30:00Z", "r1", "v1", "a.csv");
            u.view("2025-01-02T08:00:00Z", "r1", "v1");
            u.view("2025-01-02T08:10:00Z", "r2", "v1");
            u.download("2025-01-02T09:00:00Z", "r2", "v1", "b.pdf");
            u.ingest();
            UsagePair pair = u.makePair();
            u.run(pair, "2025-01-03");

            CPPUNIT_ASSERT_EQUAL(std::string("v2/2/1/1 d1/1/1/1/1/100"), totals(u.day(kDelta, "ca", "2024-12-31")));
            CPPUNIT_ASSERT_EQUAL(std::string("v2/1/2/2 d1/1/1/1/1/7"), totals(u.day(kDelta, "ca", "2025-01-02")));
            // Stored on the delta days only, in both yearly indices; the days between carry forward.
            CPPUNIT_ASSERT_EQUAL(std::string("2024-12-31,2025-01-02"), u.storedDays(kSnapshot, "ca"));
            auto docs = u.dense(kSnapshot, "ca", "2024-12-30", "2025-01-10");
            CPPUNIT_ASSERT_EQUAL(std::size_t(4), docs.size());
            // Sums: unique_* are sums of the daily distinct counts (v1 counts on both days).
            const char* days[] = {"2024-12-31", "2025-01-01", "2025-01-02", "2025-01-03"};
            const char* expected[] = {"v2/2/1/1 d1/1/1/1/1/100", "v2/2/1/1 d1/1/1/1/1/100", "v4/3/3/3 d2/2/2/2/2/107",
                                      "v4/3/3/3 d2/2/2/2/2/107"};
            for (int i = 0; i < 4; ++i) {
                CPPUNIT_ASSERT_EQUAL(std::string(days[i]), textAt(docs[i], "snapshot_date"));
                CPPUNIT_ASSERT_EQUAL(std::string(expected[i]), totals(docs[i]));
            }
            // all_file_types: csv from r1's views (3) and download; pdf from r2's view and download.
            CPPUNIT_ASSERT_EQUAL(std::string("csv:CSV,pdf:PDF"), itemLabels(docs[2], "all_file_types"));
            CPPUNIT_ASSERT_EQUAL(std::string("v3/3/2/2 d1/1/1/1/1/100"), numbers(item(docs[2], "all_file_types", "csv")));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1/1/1 d1/1/1/1/1/7"), numbers(item(docs[2], "all_file_types", "pdf")));
            CPPUNIT_ASSERT_EQUAL(totals(docs[2]), numbers(item(docs[2], "all_resource_types", "dataset")));
            // Every configured snapshot key is present.
            CPPUNIT_ASSERT_EQUAL(std::size_t(12), docs[2]->getObject("subcounts")->size());
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), subcount(docs[2], "top_countries")->size());
            CPPUNIT_ASSERT(!docs[2]->has("period_start"));
        });
    }

    void allListsEveryItemTopListsTheFirstTwenty() {
        onEachBackend([](UsageHarness& u) {
            // 21 countries with one view each, US with two: top_countries keeps US and the first 19 ties by id.
            countriesWorld(u);
            UsagePair pair = u.makePair();
            u.run(pair, "2024-02-01");
            auto snap = u.day(kSnapshot, "ca", "2024-02-01");
            CPPUNIT_ASSERT_EQUAL(std::string("US,AD,AE,AF,AG,AL,AM,AO,AR,AT,AU,AZ,BA,BB,BD,BE,BF,BG,BH,BI"),
                                 itemIds(snap, "top_countries"));
            CPPUNIT_ASSERT_EQUAL(std::string("v2/2/1/1 d0/0/0/0/0/0"), numbers(item(snap, "top_countries", "US")));
            CPPUNIT_ASSERT_EQUAL(std::string("United States"), textAt(item(snap, "top_countries", "US"), "label"));
            CPPUNIT_ASSERT_EQUAL(std::string("v23/23/1/1 d0/0/0/0/0/0"), totals(snap));
            // An `all` list keeps every item.
            CPPUNIT_ASSERT_EQUAL(std::string("csv"), itemIds(snap, "all_file_types"));
        });
    }

    void topItemsKeepTheirSumsWhileOutsideTheTop() {
        onEachBackend([](UsageHarness& u) {
            countriesWorld(u);  // 21 countries with one view each, US with two
            UsagePair pair = u.makePair();
            u.run(pair, "2024-02-01");  // BN is cut from top_countries on 02-01
            CPPUNIT_ASSERT(!item(u.day(kSnapshot, "ca", "2024-02-01"), "top_countries", "BN"));
            // 02-03: three more BN views → BN 4, US 2, then the ties: BI and BJ fall out.
            for (int i = 0; i < 3; ++i) u.view("2024-02-03T10:0" + std::to_string(i) + ":00Z", "r1", "x" + std::to_string(i), "BN");
            u.ingest();
            u.run(pair, "2024-02-03");
            auto snap = u.day(kSnapshot, "ca", "2024-02-03");
            CPPUNIT_ASSERT_EQUAL(std::string("BN,US,AD,AE,AF,AG,AL,AM,AO,AR,AT,AU,AZ,BA,BB,BD,BE,BF,BG,BH"),
                                 itemIds(snap, "top_countries"));
            CPPUNIT_ASSERT_EQUAL(std::string("v4/4/2/2 d0/0/0/0/0/0"), numbers(item(snap, "top_countries", "BN")));
            CPPUNIT_ASSERT_EQUAL(std::string("v26/26/2/2 d0/0/0/0/0/0"), totals(snap));
            assertSameAsFromScratch(u, pair, "2024-02-03", "_fresh");
        });
    }

    void unchangedDeltasLeaveSnapshotsAlone() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.community("cb");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            h.publish(recordWithFiles("r2", "p2", "cb", {{"b.csv", 10}}));
            u.view("2024-02-01T10:00:00Z", "r1", "v1");
            u.view("2024-02-01T10:00:00Z", "r2", "v1");
            u.ingest();
            UsagePair pair = u.makePair();
            u.run(pair, "2024-02-01");
            // Nothing changed: neither family has work.
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), u.runOne(pair.delta, "2024-02-01").communities);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), u.runOne(pair.snapshot, "2024-02-01").communities);
            // A late view of r1 on 02-01: the delta recomputes that day for ca, cb (it has a document
            // that day) and global, but only ca's and global's documents change.
            u.view("2024-02-01T18:00:00Z", "r1", "v2");
            u.ingest();
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), u.runOne(pair.delta, "2024-02-01").communities);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), u.runOne(pair.snapshot, "2024-02-01").communities);
            CPPUNIT_ASSERT_EQUAL(std::string("v2/2/1/1 d0/0/0/0/0/0"), totals(u.day(kSnapshot, "ca", "2024-02-01")));
            CPPUNIT_ASSERT_EQUAL(std::string("v3/2/2/2 d0/0/0/0/0/0"), totals(u.day(kSnapshot, "global", "2024-02-01")));
            CPPUNIT_ASSERT(!u.storage().bookmark("community-usage-delta-agg#changed", "ca"));
        });
    }

    void lateDataIncrementallyEqualsFromScratch() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.community("cb");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            h.publish(recordWithFiles("r2", "p2", "cb", {{"b.pdf", 20}, {"c.txt", 5}}));
            h.publish(recordWithFiles("r3", "p3", "ca,cb", {}));
            UsagePair pair = u.makePair();
            // Step 1: three days of events.
            u.view("2024-03-01T10:00:00Z", "r1", "v1", "US", "https://a.example/");
            u.view("2024-03-01T11:00:00Z", "r2", "v2", "DE");
            u.download("2024-03-02T10:00:00Z", "r2", "v1", "b.pdf", "US");
            u.view("2024-03-03T10:00:00Z", "r3", "v3");
            u.ingest();
            u.run(pair, "2024-03-03");
            assertSameAsFromScratch(u, pair, "2024-03-03", "_s1");
            // Step 2: late events on 03-01, a new day, and r1 added to cb back-dated to 03-01 12:00.
            u.view("2024-03-01T15:00:00Z", "r1", "v4", "FR", "https://b.example/");
            u.download("2024-03-01T16:00:00Z", "r1", "v4", "a.csv");
            u.view("2024-03-04T09:00:00Z", "r2", "v1");
            u.ingest();
            h.at("2024-03-01T12:00:00Z");
            h.add("r1", "cb");
            u.run(pair, "2024-03-04");
            assertSameAsFromScratch(u, pair, "2024-03-04", "_s2");
            // cb on 03-01: r2's 11:00 view, and r1's 15:00 view and 16:00 download (r1 is in cb from 12:00).
            auto cb = u.day(kDelta, "cb", "2024-03-01");
            CPPUNIT_ASSERT_EQUAL(std::string("v2/2/2/2 d1/1/1/1/1/100"), totals(cb));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1/1/1 d0/0/0/0/0/0"), numbers(item(cb, "by_countries", "FR")));
            // Step 3: r3 deleted back-dated to 03-02, r1 removed from ca on 03-01 14:00, an event on 03-05.
            h.at("2024-03-02T00:00:00Z");
            h.deleteRecord("r3");
            h.at("2024-03-01T14:00:00Z");
            h.remove("r1", "ca");
            u.view("2024-03-05T09:00:00Z", "r3", "v5");
            u.ingest();
            u.run(pair, "2024-03-05");
            assertSameAsFromScratch(u, pair, "2024-03-05", "_s3");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), u.storedDays(kDelta, "ca"));  // r3's 03-03 view is gone
            // Step 4: r3 restored; two runs on the same day, the second with a late event in between.
            h.at("2024-03-06T00:00:00Z");
            h.restoreRecord("r3");
            u.run(pair, "2024-03-06");
            u.view("2024-03-02T23:59:59Z", "r3", "v6");
            u.ingest();
            u.run(pair, "2024-03-06");
            assertSameAsFromScratch(u, pair, "2024-03-06", "_s4");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-02,2024-03-03,2024-03-05"), u.storedDays(kDelta, "ca"));
        });
    }

    void documentsInManySmallPartsAreTheSame() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.community("cb");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            h.publish(recordWithFiles("r2", "p2", "ca,cb", {{"b.pdf", 20}}));
            // Events on 40 days over a month end, in both communities.
            for (int d = 0; d < 40; ++d) {
                const std::string day = d < 29 ? "2024-02-" + twoDigits(d + 1) : "2024-03-" + twoDigits(d - 28);
                u.view(day + "T10:00:00Z", d % 3 ? "r1" : "r2", "v" + std::to_string(d % 7), d % 2 ? "US" : "DE");
                if (d % 4 == 0) u.download(day + "T11:00:00Z", "r2", "v1", "b.pdf");
            }
            u.ingest();
            UsagePair tiny = u.makePair("_tiny", true);
            u.run(tiny, "2024-03-15");
            assertSameAsFromScratch(u, tiny, "2024-03-15", "_whole1");
            // A new day: ca's snapshot is recomputed from its first delta (no state precedes 03-14: the first
            // keyframe period ends on 03-31), the first run's timestamps kept for the days before 03-14.
            u.view("2024-03-14T18:00:00Z", "r1", "late", "FR");
            u.ingest();
            u.run(tiny, "2024-03-15");
            assertSameAsFromScratch(u, tiny, "2024-03-15", "_whole2");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-15"), u.storedDays(tiny.snapshotAlias() + "-state", "ca"));
            // A late event in February: everything from 02-10 again.
            u.view("2024-02-10T18:00:00Z", "r2", "late", "FR");
            u.ingest();
            u.run(tiny, "2024-03-15");
            assertSameAsFromScratch(u, tiny, "2024-03-15", "_whole3");
            CPPUNIT_ASSERT_EQUAL(std::size_t(41), u.h().stored(tiny.deltaAlias(), "global").size());  // 02-01..03-11, 03-14
        });
    }

    void configurationAndTemplates() {
        aggregators::CommunityUsageSnapshotAggregator snapshot;
        snapshot.configure(AggregatorSetup{"s-agg", "stats-x-snapshot", Params()});
        auto templates = snapshot.indexTemplates();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), templates.size());
        CPPUNIT_ASSERT_EQUAL(std::string("stats-x-snapshot"), templates[0].alias);
        CPPUNIT_ASSERT(templates[0].fill == FillRule::CarryForward);
        CPPUNIT_ASSERT_EQUAL(std::string("snapshot_date"), templates[0].dateField);
        CPPUNIT_ASSERT_EQUAL(std::string("s-agg"), templates[0].extentBookmark);
        CPPUNIT_ASSERT_EQUAL(std::string("stats-x-snapshot-state"), templates[1].alias);
        CPPUNIT_ASSERT(templates[1].fill == FillRule::None);

        Poco::Dynamic::Struct<std::string> params;
        params["state_index"] = "stats-y-state";
        snapshot.configure(AggregatorSetup{"s-agg", "stats-x-snapshot", Params(Poco::Dynamic::Var(params), "s.params")});
        CPPUNIT_ASSERT_EQUAL(std::string("stats-y-state"), snapshot.indexTemplates()[1].alias);
        params["delta_idx"] = "typo";
        try {
            snapshot.configure(AggregatorSetup{"s-agg", "stats-x-snapshot", Params(Poco::Dynamic::Var(params), "s.params")});
            CPPUNIT_FAIL("expected a ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT(std::string(e.what()).find("s.params.delta_idx") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsageSnapshotTest);
