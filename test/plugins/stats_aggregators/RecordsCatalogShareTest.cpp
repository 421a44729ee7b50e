// RecordsCatalogShare: the six records families of a run load the repository once; a change, another
// database or other settings make the next family load it again, and the documents stay those of a
// family with a share of its own.
#include <cppunit/extensions/HelperMacros.h>

#include "AggregationHarness.h"
#include "RecordsCatalogShare.h"
#include "support/TestBackends.h"

using namespace statshost;
using namespace statshost::test;
using aggregators::DateBasis;
using aggregators::RecordsCatalogShare;
using aggregators::RecordsKind;

namespace {

/// The six records families: per basis (created, published, added) the delta, then the snapshot.
std::vector<std::pair<RecordsKind, DateBasis>> sixFamilies() {
    std::vector<std::pair<RecordsKind, DateBasis>> out;
    for (DateBasis basis : {DateBasis::Created, DateBasis::Published, DateBasis::Added})
        for (RecordsKind kind : {RecordsKind::Delta, RecordsKind::Snapshot}) out.emplace_back(kind, basis);
    return out;
}

/// A records aggregation like AggregationHarness::make, over `share`.
TestAggregation makeOn(AggregationHarness& h, RecordsCatalogShare& share, RecordsKind kind, DateBasis basis,
                       const std::string& suffix) {
    TestAggregation agg;
    agg.name = standardName(kind, basis) + suffix;
    agg.alias = std::string("t-") + (kind == RecordsKind::Delta ? "delta-" : "snap-") + aggregators::basisName(basis) +
                suffix;
    agg.aggregator = std::make_unique<aggregators::FamilyAggregator>(
        std::make_unique<aggregators::RecordsFamily>(kind, basis, share));
    agg.aggregator->configure(AggregatorSetup{agg.name, agg.alias, Params()});
    for (const IndexTemplate& t : agg.aggregator->indexTemplates()) h.storage().registerTemplate(t);
    return agg;
}

std::vector<TestAggregation> makeAllOn(AggregationHarness& h, RecordsCatalogShare& share, const std::string& suffix) {
    std::vector<TestAggregation> out;
    for (const auto& [kind, basis] : sixFamilies()) out.push_back(makeOn(h, share, kind, basis, suffix));
    return out;
}

void runOk(AggregationHarness& h, TestAggregation& agg, const std::string& asOf,
           const std::function<void(AggregationRequest&)>& adjust = {}) {
    const AggregationResult result = h.run(agg, asOf, adjust);
    CPPUNIT_ASSERT_MESSAGE(agg.name + ": " + (result.errors.empty() ? "" : result.errors.front()), result.errors.empty());
}

/// A second, empty database of the same kind as `backend`.
std::unique_ptr<TestBackend> sameKind(const TestBackend& backend) {
    if (dynamic_cast<const PostgresBackend*>(&backend)) return std::make_unique<PostgresBackend>();
    return std::make_unique<SqliteBackend>();
}

TestRecord record(const std::string& id, const std::string& community, const std::string& created) {
    TestRecord r(id, "p-" + id);
    r.created = created;
    r.communities = community;
    r.files = {{"data.csv", 100}};
    return r;
}

/// Community c1 with one record created (and added) on 2024-01-01.
void oneRecordInC1(AggregationHarness& h) {
    h.community("c1");
    h.at("2024-01-01T10:00:00Z");
    h.publish(record("r1", "c1", "2024-01-01T10:00:00Z"));
}

}  // namespace

class RecordsCatalogShareTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RecordsCatalogShareTest);
    CPPUNIT_TEST(sixFamiliesLoadOnceAndMatchPrivateShares);
    CPPUNIT_TEST(aChangeLoadsAgain);
    CPPUNIT_TEST(anotherDatabaseAtTheSameChangeNumberLoadsAgain);
    CPPUNIT_TEST(otherSubcountsLoadAgain);
    CPPUNIT_TEST(droppedOnceEveryFamilyEndedARun);
    CPPUNIT_TEST_SUITE_END();

public:
    void sixFamiliesLoadOnceAndMatchPrivateShares() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            h.community("c2");
            h.at("2024-01-01T10:00:00Z");
            h.publish(record("r1", "c1", "2024-01-01T10:00:00Z"));
            h.at("2024-02-03T10:00:00Z");
            h.publish(record("r2", "c1,c2", "2024-02-03T10:00:00Z"));
            h.at("2024-03-05T10:00:00Z");
            h.remove("r1", "c1");

            RecordsCatalogShare shared;
            auto together = makeAllOn(h, shared, "-shared");
            for (TestAggregation& a : together) runOk(h, a, "2024-04-01");
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, shared.loads());

            // The same families, each with a share of its own: the same documents.
            const auto families = sixFamilies();
            for (std::size_t i = 0; i < families.size(); ++i) {
                RecordsCatalogShare own;
                TestAggregation alone = makeOn(h, own, families[i].first, families[i].second, "-own");
                runOk(h, alone, "2024-04-01");
                CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, own.loads());
                const auto expected = h.storedWithoutTimestamps(alone.alias);
                CPPUNIT_ASSERT_MESSAGE(alone.name + " wrote nothing", !expected.empty());
                CPPUNIT_ASSERT_MESSAGE(together[i].name, expected == h.storedWithoutTimestamps(together[i].alias));
            }
        });
    }

    void aChangeLoadsAgain() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            oneRecordInC1(h);
            RecordsCatalogShare shared;
            auto aggs = makeAllOn(h, shared, "-chg");
            runOk(h, aggs[0], "2024-03-01");
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, shared.loads());

            h.at("2024-02-01T10:00:00Z");
            h.publish(record("r2", "c1", "2024-02-01T10:00:00Z"));
            runOk(h, aggs[1], "2024-03-01");  // snapshot-created after the change
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, shared.loads());
            auto doc = h.day(aggs[1].alias, "c1", "2024-02-01");
            CPPUNIT_ASSERT(doc);
            CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, intAt(doc, "total_records.with_files"));
            runOk(h, aggs[0], "2024-03-01");  // the delta sees the change through its feed
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, shared.loads());
            doc = h.day(aggs[0].alias, "c1", "2024-02-01");
            CPPUNIT_ASSERT(doc);
            CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, intAt(doc, "records_added"));
        });
    }

    void anotherDatabaseAtTheSameChangeNumberLoadsAgain() {
        onBothBackends([](TestBackend& backend) {
            auto otherBackend = sameKind(backend);
            if (!otherBackend->available()) return;
            AggregationHarness first(backend);
            AggregationHarness second(*otherBackend);
            // The same steps, so the same change numbers; the record is in c1 here and in c2 there.
            for (AggregationHarness* h : {&first, &second}) {
                h->community("c1");
                h->community("c2");
                h->at("2024-01-01T10:00:00Z");
                h->publish(record("r1", h == &first ? "c1" : "c2", "2024-01-01T10:00:00Z"));
            }
            CPPUNIT_ASSERT_EQUAL(first.source().currentChangeSeq(), second.source().currentChangeSeq());
            RecordsCatalogShare shared;
            TestAggregation a = makeOn(first, shared, RecordsKind::Delta, DateBasis::Added, "-db");
            TestAggregation b = makeOn(second, shared, RecordsKind::Delta, DateBasis::Added, "-db");
            runOk(first, a, "2024-02-01");
            runOk(second, b, "2024-02-01");
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, shared.loads());
            CPPUNIT_ASSERT(first.day(a.alias, "c1", "2024-01-01"));
            CPPUNIT_ASSERT(!second.day(b.alias, "c1", "2024-01-01"));
            CPPUNIT_ASSERT(second.day(b.alias, "c2", "2024-01-01"));
        });
    }

    void otherSubcountsLoadAgain() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            oneRecordInC1(h);
            RecordsCatalogShare shared;
            auto aggs = makeAllOn(h, shared, "-sub");
            runOk(h, aggs[0], "2024-02-01");
            const std::size_t before = h.settings().recordSubcounts.size();
            CPPUNIT_ASSERT(before > 1);
            h.settings().recordSubcounts.pop_back();
            runOk(h, aggs[1], "2024-02-01");
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, shared.loads());
            auto doc = h.day(aggs[1].alias, "c1", "2024-01-01");
            CPPUNIT_ASSERT(doc);
            CPPUNIT_ASSERT_EQUAL(before - 1, doc->getObject("subcounts")->size());
        });
    }

    void droppedOnceEveryFamilyEndedARun() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            oneRecordInC1(h);
            RecordsCatalogShare shared;
            auto aggs = makeAllOn(h, shared, "-drop");
            auto fromScratch = [](AggregationRequest& r) { r.ignoreBookmark = true; };
            for (std::size_t i = 0; i + 1 < aggs.size(); ++i) runOk(h, aggs[i], "2024-02-01");
            runOk(h, aggs[0], "2024-02-01", fromScratch);  // five of six ended a run: still kept
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, shared.loads());
            runOk(h, aggs.back(), "2024-02-01");  // the sixth: every family ended a run, dropped
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, shared.loads());
            runOk(h, aggs[0], "2024-02-01", fromScratch);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, shared.loads());
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecordsCatalogShareTest);
