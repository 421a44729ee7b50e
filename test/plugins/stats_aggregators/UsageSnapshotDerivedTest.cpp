// Usage snapshots rendered on read (UsageSnapshotDeriver): what the store returns for the snapshot alias
// equals the documents the family used to store, rendered here straight from the stored delta documents
// (reference: every delta in day order into one UsageSnapshotState). Real aggregators, both backends.
#include <cppunit/extensions/HelperMacros.h>

#include <random>
#include <regex>

#include "UsageAggregators.h"
#include "UsageDocuments.h"
#include "UsageSnapshotState.h"
#include "UsageTestSupport.h"
#include "statshost/Errors.h"

using namespace statshost;
using namespace statshost::test;

namespace {

void onEachBackend(const std::function<void(UsageHarness&, TestBackend&)>& body) {
    onBothBackends([&](TestBackend& backend) {
        UsageHarness u(backend);
        body(u, backend);
    });
}

std::string twoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

/// `body` with the values of `timestamp` and `snapshot_date` blanked (fill days differ only there).
std::string withoutDates(const std::string& body) {
    static const std::regex stamp("\"(timestamp|snapshot_date)\":\"[^\"]*\"");
    return std::regex_replace(body, stamp, "\"$1\":\"\"");
}

/// The snapshot documents of `community` as the family stored them before: one per delta document,
/// rendered from the running sums of the deltas through its day (timestamps blanked).
std::vector<Document> reference(UsageHarness& u, const UsagePair& pair, const std::string& community) {
    const AggregationSettings& settings = u.h().settings();
    aggregators::usagestats::UsageSnapshotState state(settings.usageSubcounts);
    std::vector<Document> out;
    const auto last = u.storage().bookmark(pair.snapshot.name, community);
    for (const Document& d : u.h().stored(pair.deltaAlias(), community)) {
        if (!last || d.day > last->substr(0, 10)) break;
        state.addDelta(aggregators::usagestats::parseJson(d.body));
        out.push_back(Document{aggregators::usagestats::documentId(community, d.day), community, d.day,
                               withoutDates(state.snapshotDocument(community, d.day, "", settings.topLimit))});
    }
    return out;
}

/// "day id body" per document, one a line (`blank`: timestamps and snapshot dates blanked).
std::string keyed(const std::vector<Document>& docs, bool blank) {
    std::string out;
    for (const Document& d : docs) out += d.day + " " + d.id + " " + (blank ? withoutDates(d.body) : d.body) + "\n";
    return out;
}

std::vector<Document> collect(const std::function<void(const std::function<bool(const Document&)>&)>& read) {
    std::vector<Document> docs;
    read([&](const Document& d) {
        docs.push_back(d);
        return true;
    });
    return docs;
}

/// Every read of the snapshot alias for `community` against the reference.
void assertReadsMatchReference(UsageHarness& u, const UsagePair& pair, const std::string& community, std::mt19937& rng) {
    storage::Storage& store = u.storage();
    const std::string alias = pair.snapshotAlias();
    const std::vector<Document> expected = reference(u, pair, community);
    const std::string what = "community " + community;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(what, keyed(expected, false),
                                 keyed(collect([&](auto visit) { store.scan(alias, {community, "", ""}, visit); }), true));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(what, std::uint64_t(expected.size()), store.count(alias, {community, "", ""}));
    if (expected.empty()) return;
    // latest and dense reads at random days around the documents (dense across month-end keyframes)
    const std::int64_t first = aggregators::dayNumber(expected.front().day) - 3;
    const std::int64_t span = aggregators::dayNumber(expected.back().day) + 3 - first;
    for (int i = 0; i < 6; ++i) {
        const std::int64_t a = first + std::uniform_int_distribution<std::int64_t>(0, span)(rng);
        const std::int64_t b = a + std::uniform_int_distribution<std::int64_t>(0, 45)(rng);
        const std::string from = aggregators::dayText(a), to = aggregators::dayText(b);
        const Document* before = nullptr;  // the reference document carried into `from`
        for (const Document& d : expected)
            if (d.day <= from) before = &d;
        const auto latest = store.latest(alias, community, from);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what + " latest " + from, before ? keyed({*before}, false) : "(none)",
                                     latest ? keyed({*latest}, true) : "(none)");
        const auto dense = collect([&](auto visit) { store.readDense(alias, {community, from, to}, visit); });
        const std::string extentEnd = store.bookmark(pair.snapshot.name, community)->substr(0, 10);
        std::size_t k = 0;
        for (std::int64_t day = std::max(a, aggregators::dayNumber(expected.front().day));
             day <= b && aggregators::dayText(day) <= extentEnd; ++day) {
            const std::string text = aggregators::dayText(day);
            const Document* carried = nullptr;
            for (const Document& d : expected)
                if (d.day <= text) carried = &d;
            CPPUNIT_ASSERT_MESSAGE(what + " dense " + text, k < dense.size());
            CPPUNIT_ASSERT_EQUAL_MESSAGE(what + " dense " + text, text, dense[k].day);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(what + " dense " + text, carried->body, withoutDates(dense[k].body));
            ++k;
        }
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what + " dense " + from + ".." + to, k, dense.size());
    }
}

void publishTwoCommunities(AggregationHarness& h) {
    h.at("2024-01-01T00:00:00Z");
    h.community("ca");
    h.community("cb");
    h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
    h.publish(recordWithFiles("r2", "p2", "ca,cb", {{"b.pdf", 20}, {"c.txt", 5}}));
    h.publish(recordWithFiles("r3", "p3", "cb", {}));
}

}  // namespace

class UsageSnapshotDerivedTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsageSnapshotDerivedTest);
    CPPUNIT_TEST(derivedReadsEqualTheStoredComputationForRandomStreams);
    CPPUNIT_TEST(timestampsAreThoseOfTheRunThatComputedTheDay);
    CPPUNIT_TEST(daysBeforeTheFirstDeltaHaveNoSnapshot);
    CPPUNIT_TEST(readingWithoutTheDeriverFailsClearly);
    CPPUNIT_TEST(oldStoredSnapshotsAndStatesAreReplaced);
    CPPUNIT_TEST(monthEndStatesOfTheLastReleaseAreReadAndTheirStampsKept);
    CPPUNIT_TEST_SUITE_END();

public:
    void derivedReadsEqualTheStoredComputationForRandomStreams() {
        for (unsigned seed : {1u, 2u, 3u}) {
            onEachBackend([&](UsageHarness& u, TestBackend&) {
                std::mt19937 rng(seed);
                publishTwoCommunities(u.h());
                UsagePair pair = u.makePair();
                const char* records[] = {"r1", "r2", "r3"};
                const char* countries[] = {"US", "DE", "FR", ""};
                std::int64_t asOf = aggregators::dayNumber("2024-01-25");
                for (int step = 0; step < 4; ++step) {
                    // events on random days up to the next as-of day, some of them late (before the last run)
                    const std::int64_t next = asOf + std::uniform_int_distribution<std::int64_t>(5, 40)(rng);
                    for (int e = 0; e < 25; ++e) {
                        const std::int64_t day = next - std::uniform_int_distribution<std::int64_t>(0, 50)(rng);
                        const std::string at = aggregators::dayText(day) + "T" + twoDigits(int(rng() % 24)) + ":00:00Z";
                        const std::string record = records[rng() % 3];
                        const std::string visitor = "v" + std::to_string(rng() % 5);
                        const std::string country = countries[rng() % 4];
                        if (rng() % 3 == 0 && record != "r3")
                            u.download(at, record, visitor, record == "r1" ? "a.csv" : "b.pdf", country);
                        else
                            u.view(at, record, visitor, country);
                    }
                    u.ingest();
                    asOf = next;
                    u.h().at(aggregators::dayText(asOf) + "T01:00:00Z");
                    u.run(pair, aggregators::dayText(asOf));
                    for (const char* community : {"ca", "cb", "global"}) assertReadsMatchReference(u, pair, community, rng);
                }
                // a scan over every community: the same documents in (day, id) order
                std::vector<Document> every;
                for (const char* community : {"ca", "cb", "global"})
                    for (const Document& d : reference(u, pair, community)) every.push_back(d);
                std::sort(every.begin(), every.end(),
                          [](const Document& a, const Document& b) { return std::tie(a.day, a.id) < std::tie(b.day, b.id); });
                CPPUNIT_ASSERT_EQUAL(keyed(every, false),
                                     keyed(collect([&](auto visit) { u.storage().scan(pair.snapshotAlias(), {}, visit); }), true));
                CPPUNIT_ASSERT_EQUAL(std::uint64_t(every.size()), u.storage().count(pair.snapshotAlias(), {}));
            });
        }
    }

    void timestampsAreThoseOfTheRunThatComputedTheDay() {
        onEachBackend([](UsageHarness& u, TestBackend&) {
            publishTwoCommunities(u.h());
            UsagePair pair = u.makePair();
            u.view("2024-03-05T10:00:00Z", "r1", "v1");
            u.view("2024-03-10T10:00:00Z", "r1", "v2");
            u.ingest();
            u.h().at("2024-03-10T12:00:00Z");
            u.run(pair, "2024-03-10");
            u.view("2024-03-12T10:00:00Z", "r1", "v3");
            u.view("2024-04-02T10:00:00Z", "r1", "v3");
            u.ingest();
            u.h().at("2024-04-02T12:00:00Z");
            u.run(pair, "2024-04-02");
            auto stampOf = [&](const std::string& day) { return textAt(u.day(pair.snapshotAlias(), "ca", day), "timestamp"); };
            // 03-05 and 03-10 were computed by the first run, 03-12 and 04-02 by the second
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-10T12:00:00"), stampOf("2024-03-05").substr(0, 19));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-10T12:00:00"), stampOf("2024-03-10").substr(0, 19));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-04-02T12:00:00"), stampOf("2024-03-12").substr(0, 19));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-04-02T12:00:00"), stampOf("2024-04-02").substr(0, 19));
            // the states: the quarter's end (keyframe) and the run's last day
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-31,2024-04-02"), u.storedDays(pair.snapshotAlias() + "-state", "ca"));
            // a later run (its window starts at the changed day, 05-03) replaces the quarter's state and keeps
            // April's stamps
            u.view("2024-05-03T10:00:00Z", "r1", "v4");
            u.ingest();
            u.h().at("2024-05-03T12:00:00Z");
            u.run(pair, "2024-05-03");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-04-02T12:00:00"), stampOf("2024-04-02").substr(0, 19));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-05-03T12:00:00"), stampOf("2024-05-03").substr(0, 19));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-31,2024-05-03"),
                                 u.storedDays(pair.snapshotAlias() + "-state", "ca"));
        });
    }

    void daysBeforeTheFirstDeltaHaveNoSnapshot() {
        onEachBackend([](UsageHarness& u, TestBackend&) {
            publishTwoCommunities(u.h());
            UsagePair pair = u.makePair();
            u.view("2024-03-05T10:00:00Z", "r1", "v1");
            u.ingest();
            u.run(pair, "2024-03-08");
            storage::Storage& store = u.storage();
            const std::string alias = pair.snapshotAlias();
            CPPUNIT_ASSERT(u.dense(alias, "ca", "2024-02-01", "2024-03-04").empty());
            CPPUNIT_ASSERT(!store.latest(alias, "ca", "2024-03-04"));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), store.count(alias, {"ca", "", "2024-03-04"}));
            CPPUNIT_ASSERT_EQUAL(std::size_t(4), u.dense(alias, "ca", "2024-02-01", "2024-03-31").size());  // 03-05..03-08
            CPPUNIT_ASSERT(u.dense(alias, "cb", "", "").empty());  // no usage at all
            CPPUNIT_ASSERT(!store.latest(alias, "cb", ""));
        });
    }

    void readingWithoutTheDeriverFailsClearly() {
        onEachBackend([](UsageHarness& u, TestBackend& backend) {
            publishTwoCommunities(u.h());
            UsagePair pair = u.makePair();
            u.view("2024-03-05T10:00:00Z", "r1", "v1");
            u.ingest();
            u.run(pair, "2024-03-08");
            auto other = backend.open();  // e.g. a process that did not load the aggregators
            const std::string error = storageError([&] {
                other->readDense(pair.snapshotAlias(), {"ca", "", ""}, [](const Document&) { return true; });
            });
            CPPUNIT_ASSERT_MESSAGE(error, contains(error, "'" + pair.snapshotAlias() + "' is derived (rendered on read)"));
            // with the aggregator's templates it reads the same as the aggregating process
            for (const IndexTemplate& t : pair.snapshot.aggregator->indexTemplates()) other->registerTemplate(t);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), other->count(pair.snapshotAlias(), {"ca", "", ""}));
        });
    }

    void oldStoredSnapshotsAndStatesAreReplaced() {
        onEachBackend([](UsageHarness& u, TestBackend&) {
            publishTwoCommunities(u.h());
            u.view("2024-03-05T10:00:00Z", "r1", "v1");
            u.view("2024-04-07T10:00:00Z", "r2", "v2", "DE");
            u.ingest();
            // A database of the release that stored snapshots: a stored snapshot row, a state without render
            // settings, bookmarks through 04-08.
            storage::Storage& store = u.storage();
            const std::string alias = "stats-community-usage-snapshot";
            store.registerTemplate(IndexTemplate{alias, "snapshot_date", "{}", FillRule::CarryForward,
                                                 "community-usage-snapshot-agg"});
            store.registerTemplate(IndexTemplate{alias + "-state", "state_date", "{}", FillRule::None, ""});
            store.upsert(alias, {Document{"ca-2024-03-05", "ca", "2024-03-05", "{\"snapshot_date\":\"2024-03-05\",\"old\":1}"}});
            store.upsert(alias + "-state", {Document{"ca-2024-04-08", "ca", "2024-04-08",
                                                      "{\"community_id\":\"ca\",\"state_date\":\"2024-04-08\",\"subcounts\":{},"
                                                      "\"totals\":{}}"}});
            store.setBookmark("community-usage-snapshot-agg", "ca", "2024-04-08");
            UsagePair pair = u.makePair();  // registers the derived template
            CPPUNIT_ASSERT_EQUAL(alias, pair.snapshotAlias());
            u.runOne(pair.delta, "2024-04-08");
            // before the next run: nothing (the old state has no render settings; the old rows are not read)
            CPPUNIT_ASSERT(u.dense(alias, "ca", "", "").empty());
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), store.count(alias, {"ca", "", ""}));
            // the next run recomputes ca from its first day (its state has no render settings), deletes the rows
            u.run(pair, "2024-04-08");
            std::int64_t rows = -1;
            store.database().query("SELECT count(*) FROM idx_stats_community_usage_snapshot", {},
                                   [&](const storage::Row& row) { rows = row.getInt(0); });
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), rows);
            std::mt19937 rng(7);
            for (const char* community : {"ca", "cb", "global"}) assertReadsMatchReference(u, pair, community, rng);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), reference(u, pair, "ca").size());
        });
    }

    void monthEndStatesOfTheLastReleaseAreReadAndTheirStampsKept() {
        onEachBackend([](UsageHarness& u, TestBackend&) {
            publishTwoCommunities(u.h());
            UsagePair pair = u.makePair();
            for (const char* day : {"2024-01-10", "2024-02-10", "2024-03-10", "2024-04-05"})
                u.view(std::string(day) + "T10:00:00Z", "r1", std::string("v") + day[6], "DE");
            u.ingest();
            u.h().at("2024-04-05T12:00:00Z");
            u.run(pair, "2024-04-05");
            const std::string stateAlias = pair.snapshotAlias() + "-state";
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-31,2024-04-05"), u.storedDays(stateAlias, "ca"));
            // ca's states as the last release kept them: one at each month end (and the run's last day), each
            // with the sums through its day and the stamps of its month.
            const AggregationSettings& settings = u.h().settings();
            std::vector<Document> monthly;
            for (const char* day : {"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-05"}) {
                aggregators::usagestats::UsageSnapshotState sums(settings.usageSubcounts);
                for (const Document& d : u.h().stored(pair.deltaAlias(), "ca"))
                    if (d.day <= day) sums.addDelta(aggregators::usagestats::parseJson(d.body));
                aggregators::usagestats::UsageSnapshotRender render;
                render.lists = settings.usageSubcounts;
                render.topLimit = settings.topLimit;
                const std::string month = std::string(day).substr(0, 8);
                render.stamps = {{month + "01", month + "28T00:00:00"}};
                monthly.push_back(Document{aggregators::usagestats::documentId("ca", day), "ca", day,
                                           sums.stateDocument("ca", day, render)});
            }
            u.storage().replaceRange(stateAlias, {"ca", "2024-01-01", "2024-12-31"}, monthly);
            auto stampOf = [&](const std::string& day) {
                return textAt(u.day(pair.snapshotAlias(), "ca", day), "timestamp").substr(0, 19);
            };
            std::mt19937 rng(11);
            assertReadsMatchReference(u, pair, "ca", rng);
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-28T00:00:00"), stampOf("2024-01-10"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-02-28T00:00:00"), stampOf("2024-02-10"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-28T00:00:00"), stampOf("2024-03-10"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-04-28T00:00:00"), stampOf("2024-04-05"));
            // a late event on 02-20: the quarter's month-end states are replaced by one keyframe that keeps the
            // stamps of January and of February before 02-20
            u.view("2024-02-20T10:00:00Z", "r1", "late", "FR");
            u.ingest();
            u.h().at("2024-04-06T12:00:00Z");
            u.run(pair, "2024-04-05");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-31,2024-04-05"), u.storedDays(stateAlias, "ca"));
            assertReadsMatchReference(u, pair, "ca", rng);
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-28T00:00:00"), stampOf("2024-01-10"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-02-28T00:00:00"), stampOf("2024-02-10"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-04-06T12:00:00"), stampOf("2024-02-20"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-04-06T12:00:00"), stampOf("2024-03-10"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-04-06T12:00:00"), stampOf("2024-04-05"));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsageSnapshotDerivedTest);
