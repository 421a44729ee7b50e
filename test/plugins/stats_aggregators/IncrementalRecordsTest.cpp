// Incremental = from scratch (SEMANTICS §8): the six records families maintained run by run over a
// history with late, back-dated and retroactive changes, compared after every run with families
// computed once from scratch over the same inputs (same database, other names and indices).
#include <cppunit/extensions/HelperMacros.h>

#include "AggregationHarness.h"

using namespace statshost;
using namespace statshost::test;
using aggregators::DateBasis;
using aggregators::RecordsKind;

namespace {

const std::vector<std::pair<RecordsKind, DateBasis>> kFamilies = {
    {RecordsKind::Delta, DateBasis::Created},    {RecordsKind::Snapshot, DateBasis::Created},
    {RecordsKind::Delta, DateBasis::Published},  {RecordsKind::Snapshot, DateBasis::Published},
    {RecordsKind::Delta, DateBasis::Added},      {RecordsKind::Snapshot, DateBasis::Added},
};

const std::vector<std::string> kCommunities = {"c1", "c2", "c3", "global"};

std::vector<TestAggregation> makeAll(AggregationHarness& h, const std::string& suffix) {
    std::vector<TestAggregation> out;
    for (const auto& [kind, basis] : kFamilies) out.push_back(h.make(kind, basis, suffix));
    return out;
}

void runAll(AggregationHarness& h, std::vector<TestAggregation>& aggs, const std::string& asOf) {
    for (TestAggregation& a : aggs) {
        auto result = h.run(a, asOf);
        CPPUNIT_ASSERT_MESSAGE(a.name + ": " + (result.errors.empty() ? "" : result.errors.front()), result.errors.empty());
    }
}

std::string describeDifference(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
    for (const auto& [key, body] : a) {
        auto it = b.find(key);
        if (it == b.end()) return "only incremental: " + key;
        if (it->second != body) return "differs: " + key + "\n  incremental: " + body + "\n  from scratch: " + it->second;
    }
    for (const auto& [key, body] : b)
        if (!a.count(key)) return "only from scratch: " + key;
    return "";
}

/// Fresh families (a new suffix each time) computed once, compared with `incremental`: stored documents
/// and the dense series of every community over [first, asOf].
void assertEqualsFromScratch(AggregationHarness& h, std::vector<TestAggregation>& incremental, const std::string& asOf,
                             const std::string& first, int round) {
    auto fresh = makeAll(h, "-fresh" + std::to_string(round));
    runAll(h, fresh, asOf);
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        const std::string what = incremental[i].name + " as of " + asOf + ": ";
        const std::string diff =
            describeDifference(h.storedWithoutTimestamps(incremental[i].alias), h.storedWithoutTimestamps(fresh[i].alias));
        CPPUNIT_ASSERT_MESSAGE(what + diff, diff.empty());
        for (const std::string& c : kCommunities) {
            auto a = h.dense(incremental[i].alias, c, first, asOf);
            auto b = h.dense(fresh[i].alias, c, first, asOf);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(what + c + " dense days", b.size(), a.size());
        }
    }
}

TestRecord record(const std::string& id, const std::string& parent, const std::string& communities) {
    TestRecord r(id, parent);
    r.communities = communities;
    return r;
}

}  // namespace

class IncrementalRecordsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(IncrementalRecordsTest);
    CPPUNIT_TEST(runByRunEqualsFromScratch);
    CPPUNIT_TEST(labelChangeReachesOtherCommunities);
    CPPUNIT_TEST(sameDayDeletionRemovesTheCommunitysDocuments);
    CPPUNIT_TEST(quietDaysLoadNothingUntilABoundaryComes);
    CPPUNIT_TEST_SUITE_END();

public:
    void runByRunEqualsFromScratch() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            for (const char* c : {"c1", "c2", "c3"}) h.community(c);
            auto inc = makeAll(h, "-inc");
            int round = 0;
            auto check = [&](const std::string& asOf) {
                runAll(h, inc, asOf);
                assertEqualsFromScratch(h, inc, asOf, "2024-02-15", ++round);
            };

            // 1. First records: with files, metadata-only in two communities, an old publication date.
            h.at("2024-03-01T10:00:00Z");
            TestRecord r1 = record("r1", "p1", "c1");
            r1.files = {{"a.pdf", 100, ""}};
            r1.created = "2024-02-20T10:00:00Z";
            h.publish(r1);
            TestRecord r2 = record("r2", "p2", "c1,c2");
            r2.owner = "9";
            r2.subjects = {{"s1", "Physics"}, {"", "kw"}};
            h.publish(r2);
            TestRecord r3 = record("r3", "p3", "-");
            r3.publicationDate = "2010-05-01";
            h.publish(r3);
            check("2024-03-01");

            // 2. A future publication date, a new version, a removal.
            h.at("2024-03-02T10:00:00Z");
            TestRecord r4 = record("r4", "p4", "c2");
            r4.publicationDate = "2024-03-20";
            r4.languages = {{"eng", "English"}};
            h.publish(r4);
            TestRecord r1v2 = record("r1v2", "p1", "-");
            r1v2.files = {{"a.pdf", 100, ""}, {"b.csv", 7, ""}};
            h.publish(r1v2);
            h.remove("r2", "c1");
            check("2024-03-02");

            // 3. A deletion, and an old record (published 2010) joining c1 late.
            h.at("2024-03-04T10:00:00Z");
            h.deleteRecord("r1");
            h.add("r3", "c1");
            check("2024-03-05");

            // 4. Restoration; a record published "earlier" (import clock) in c3.
            h.at("2024-03-06T10:00:00Z");
            h.restoreRecord("r1");
            h.at("2024-02-25T10:00:00Z");
            TestRecord r5 = record("r5", "p5", "c3");
            r5.languages = {{"eng", "Anglais"}};
            r5.created = "2024-02-25T09:00:00Z";
            h.publish(r5);
            h.at("2024-03-06T12:00:00Z");
            check("2024-03-06");

            // 5. No input: the future publication date of r4 arrives.
            h.at("2024-03-25T10:00:00Z");
            check("2024-03-25");

            // 6. Remove and re-add on one day; add and delete on one day; a parent leaving a community.
            h.at("2024-03-26T09:00:00Z");
            h.remove("r2", "c2");
            h.at("2024-03-26T10:00:00Z");
            h.add("r2", "c2");
            h.publish(record("r6", "p6", "c1"));
            h.at("2024-03-26T11:00:00Z");
            h.deleteRecord("r6");
            h.remove("r1v2", "c1");
            check("2024-03-26");
            check("2024-03-28");
        });
    }

    /// Runs on later days without repository changes load nothing (RecordsQuiet.h) until a boundary day
    /// (a future publication date) comes; every run still equals a from-scratch computation.
    void quietDaysLoadNothingUntilABoundaryComes() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            auto inc = makeAll(h, "-inc");
            auto loads = [&] {
                std::size_t n = 0;
                for (const std::string& line : h.logger().lines) n += line.find("loaded ") != std::string::npos;
                return n;
            };
            h.at("2024-03-01T10:00:00Z");
            h.publish(record("r1", "p1", "c1"));
            TestRecord r2 = record("r2", "p2", "c1");
            r2.publicationDate = "2024-03-20";
            h.publish(r2);
            runAll(h, inc, "2024-03-01");
            CPPUNIT_ASSERT_EQUAL(kFamilies.size(), loads());

            for (const char* day : {"2024-03-02", "2024-03-10", "2024-03-19"}) {
                h.at(std::string(day) + "T10:00:00Z");
                runAll(h, inc, day);
                CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string("no load on ") + day, kFamilies.size(), loads());
                CPPUNIT_ASSERT_EQUAL(std::string(day), *h.bookmark(inc[3].name, "c1"));
            }
            assertEqualsFromScratch(h, inc, "2024-03-19", "2024-03-01", 1);

            // The publication day of r2 comes: the published families must load (the others may too).
            h.at("2024-03-21T10:00:00Z");
            const std::size_t before = loads();
            runAll(h, inc, "2024-03-21");
            CPPUNIT_ASSERT(loads() > before);
            assertEqualsFromScratch(h, inc, "2024-03-21", "2024-03-01", 2);
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(h.day(inc[3].alias, "c1", "2024-03-21"), "total_records.metadata_only"));
        });
    }

    /// A record published "before" every other carrier of an id (import with an earlier clock) changes
    /// the id's label in every community that shows it, not only in the record's own communities.
    void labelChangeReachesOtherCommunities() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            h.community("c2");
            auto inc = makeAll(h, "-inc");
            h.at("2024-03-01T10:00:00Z");
            TestRecord a = record("a", "pa", "c1");
            a.languages = {{"eng", "English"}};
            h.publish(a);
            runAll(h, inc, "2024-03-02");
            auto before = h.day("t-snap-added-inc", "c1", "2024-03-02");
            CPPUNIT_ASSERT_EQUAL(std::string("English"), textAt(item(before, "all_languages", "eng"), "label"));

            h.at("2024-02-01T10:00:00Z");
            TestRecord b = record("b", "pb", "c2");
            b.languages = {{"eng", "Anglais"}};
            h.publish(b);
            h.at("2024-03-02T10:00:00Z");
            runAll(h, inc, "2024-03-02");
            auto after = h.day("t-snap-added-inc", "c1", "2024-03-02");
            CPPUNIT_ASSERT_EQUAL(std::string("Anglais"), textAt(item(after, "all_languages", "eng"), "label"));
            assertEqualsFromScratch(h, inc, "2024-03-02", "2024-01-15", 1);
        });
    }

    /// A community whose only record was added and deleted on one day loses the documents an earlier
    /// run wrote for that day.
    void sameDayDeletionRemovesTheCommunitysDocuments() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            auto inc = makeAll(h, "-inc");
            h.at("2024-03-01T10:00:00Z");
            h.publish(record("r1", "p1", "c1"));
            runAll(h, inc, "2024-03-01");
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), h.stored("t-delta-added-inc", "c1").size());
            h.at("2024-03-01T11:00:00Z");
            h.deleteRecord("r1");
            runAll(h, inc, "2024-03-01");
            CPPUNIT_ASSERT(h.stored("t-delta-added-inc", "c1").empty());
            CPPUNIT_ASSERT(h.stored("t-snap-added-inc", "global").empty());
            assertEqualsFromScratch(h, inc, "2024-03-01", "2024-01-01", 1);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IncrementalRecordsTest);
