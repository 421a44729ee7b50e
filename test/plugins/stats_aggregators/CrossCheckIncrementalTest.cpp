// Randomized cross-check, incremental (SEMANTICS §8): a seeded stream applied in random chunks,
// the nine aggregators run after each chunk with an advancing as-of day (sometimes as a scheduler
// tick with a small catch-up limit, which may stop early), so back-dated publications, late usage
// events, deletions, restorations and membership changes arrive after documents exist; between
// some runs an extra batch of events dated up to 30 days before the last as-of day is ingested. After a
// final complete run, every document must equal (1) a from-scratch run into a second, empty store
// over the same repository and (2) the reference. Both backends; failures name the seed.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include "ReferenceAggregators.h"
#include "ReferenceCheck.h"
#include "ReferenceCompare.h"
#include "ReferenceRun.h"
#include "records/Dates.h"

using namespace statshost;
using namespace statshost::test;
using namespace statshost::test::reference;

namespace {

const Aggregators& aggregators() {
    static Aggregators loaded;
    return loaded;
}

std::unique_ptr<TestBackend> backendOf(bool postgresql) {
    if (!postgresql) return std::make_unique<SqliteBackend>();
    auto pg = std::make_unique<PostgresBackend>();
    if (!pg->available()) return nullptr;
    return pg;
}

/// STATSHOST_CROSSCHECK_EACH_RUN=1: also compare with the reference after every complete run (slow;
/// finds the run that first went wrong).
bool checkEachRun() {
    const char* v = std::getenv("STATSHOST_CROSSCHECK_EACH_RUN");
    return v && std::string(v) == "1";
}

std::string incrementalRun(std::uint64_t seed, bool postgresql) {
    auto started = std::chrono::steady_clock::now();
    auto backend = backendOf(postgresql);
    auto second = backendOf(postgresql);
    if (!backend || !second) return "";
    std::string who = "seed " + std::to_string(seed) + " on " + backendName(*backend) + " (" +
                      usage::modeName(modeFor(seed)) + "): ";
    Stream stream = generate(seed, optionsFor(seed));
    Repository repo(*backend, modeFor(seed));
    AggregationSettings settings = settingsFor(seed);
    AggregationSettings tickSettings = settings;
    tickSettings.catchupDays = 25;
    aggregators().registerTemplates(repo.storage());

    std::mt19937_64 rng(seed * 7919 + 1);
    std::int64_t asOf = 0;
    std::string chunks;
    std::size_t from = 0;
    while (from < stream.operations.size()) {
        std::size_t to = from + std::uniform_int_distribution<std::size_t>(3, 30)(rng);
        std::string rejected = repo.apply(stream, from, to);
        if (!rejected.empty()) return who + "the services rejected generated input:\n" + rejected;
        to = std::min(to, stream.operations.size());
        if (asOf > 0 && std::uniform_int_distribution<int>(0, 1)(rng) == 0) {
            // Late data behind the last run's as-of day.
            Operation late = lateUsage(stream, to, (asOf + 1) * 86400LL * 1000000, rng(), 6);
            if (!late.events.empty() && !reference::apply(repo.harness(), repo.usageStore(), late).empty())
                return who + "the usage store rejected late events";
            chunks += " +late";
        }
        std::int64_t lastDay = dayOf(stream.operations[to - 1].at);
        asOf = std::max(asOf, lastDay + std::uniform_int_distribution<std::int64_t>(-1, 2)(rng));
        bool tick = std::uniform_int_distribution<int>(0, 3)(rng) == 0;
        std::string failed = aggregators().run(repo.storage(), repo.storage().database(), tick ? tickSettings : settings,
                                               dayText(asOf), tick);
        chunks += " " + std::to_string(to) + (tick ? "t@" : "@") + dayText(asOf);
        if (!failed.empty()) return who + "aggregation after operation " + std::to_string(to) + " failed:" + failed;
        if (checkEachRun() && !tick) {
            Input now = readRepository(repo.storage());
            now.settings = settings;
            CheckOutcome o = compareWithReference(repo.storage(), Reference(std::move(now)), asOf);
            if (!o.mismatch.empty())
                return who + "after the run following operation " + std::to_string(to) + " (as of " + dayText(asOf) +
                       "; runs:" + chunks + "): " + o.mismatch;
        }
        from = to;
    }
    const std::int64_t finalAsOf = std::max(asOf, dayOf(stream.lastMicros) + 2);
    std::string failed = aggregators().run(repo.storage(), repo.storage().database(), settings, dayText(finalAsOf));
    if (!failed.empty()) return who + "final aggregation failed:" + failed;

    // From scratch into a second store, reading the same repository.
    auto scratch = second->open();
    scratch->initialize();
    aggregators().registerTemplates(*scratch);
    failed = aggregators().run(*scratch, repo.storage().database(), settings, dayText(finalAsOf));
    if (!failed.empty()) return who + "from-scratch aggregation failed:" + failed;

    Input in = readRepository(repo.storage());
    in.settings = settings;
    Reference ref(std::move(in));
    std::string runs = " (runs after operations:" + chunks + ", final @" + dayText(finalAsOf) + ")";
    CheckOutcome stores = compareStores(*scratch, repo.storage(), ref.communities());
    CheckOutcome incremental = compareWithReference(repo.storage(), ref, finalAsOf);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "  " << who << stream.operations.size() << " operations," << runs << ", " << incremental.documents
              << " documents compared, " << seconds << " s\n";
    std::string failure;
    if (!incremental.mismatch.empty()) failure += "\n  incremental vs reference: " + incremental.mismatch;
    if (!stores.mismatch.empty()) {
        failure += "\n  from scratch (expected) vs incremental (actual): " + stores.mismatch;
        CheckOutcome fromScratch = compareWithReference(*scratch, ref, finalAsOf);
        failure += "\n  from scratch vs reference: " + (fromScratch.mismatch.empty() ? "equal" : fromScratch.mismatch);
    }
    if (!failure.empty()) return who + runs + failure;
    return "";
}

}  // namespace

class CrossCheckIncrementalTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CrossCheckIncrementalTest);
    CPPUNIT_TEST(aLabelAppearingLaterRewritesPastDocuments);
    CPPUNIT_TEST(incrementalEqualsScratchAndReferenceSqlite);
    CPPUNIT_TEST(incrementalEqualsScratchAndReferencePostgres);
    CPPUNIT_TEST_SUITE_END();

public:
    /// Labels are a function of the whole repository (SEMANTICS §10.9): when the first record with a
    /// real label for an id is published after documents listing that id exist, those documents change.
    void aLabelAppearingLaterRewritesPastDocuments() {
        for (bool postgresql : {false, true}) {
            auto backend = backendOf(postgresql);
            if (!backend) continue;
            Repository repo(*backend);
            auto record = [](const std::string& id, const std::string& parent, const std::string& typeTitle) {
                return "{\"id\":\"" + id + "\",\"created\":\"2024-03-01T08:00:00Z\",\"parent\":{\"id\":\"" + parent +
                       "\",\"communities\":{\"ids\":[\"c-a\"]}},\"metadata\":{\"publication_date\":\"2024-03-01\","
                       "\"resource_type\":{\"id\":\"software\"" + typeTitle + "}},\"access\":{\"status\":\"open\"},"
                       "\"files\":{\"enabled\":true,\"entries\":{\"a.pdf\":{\"key\":\"a.pdf\",\"size\":10}}}}";
            };
            repo.harness().at("2024-03-01T09:00:00Z");
            repo.harness().community("c-a", "alpha");
            repo.harness().publish(record("r1", "p1", ""));
            Operation views;
            views.kind = Operation::Kind::Usage;
            views.at = repo.harness().clock().nowMicros() + 86400LL * 1000000;
            usage::UsageEvent e;
            e.timestampMicros = views.at;
            e.day = dayOf(e.timestampMicros);
            e.recordId = "r1";
            e.parentId = "p1";
            e.visitorId = "v1";
            e.uniqueId = "ui_r1";
            views.events.push_back(e);
            CPPUNIT_ASSERT_EQUAL(std::string(""), reference::apply(repo.harness(), repo.usageStore(), views));
            AggregationSettings settings = settingsFor(0);
            aggregators().registerTemplates(repo.storage());
            CPPUNIT_ASSERT_EQUAL(std::string(""), aggregators().run(repo.storage(), repo.storage().database(), settings,
                                                                   "2024-03-05"));
            repo.harness().at("2024-03-10T09:00:00Z");
            repo.harness().publish(record("r2", "p2", ",\"title\":{\"en\":\"Software\"}"));
            CPPUNIT_ASSERT_EQUAL(std::string(""), aggregators().run(repo.storage(), repo.storage().database(), settings,
                                                                   "2024-03-12"));
            Input in = readRepository(repo.storage());
            in.settings = settings;
            Reference ref(std::move(in));
            auto expected = ref.documents(families()[6], "c-a", dayOf(views.at));
            CPPUNIT_ASSERT_EQUAL(std::string("\"Software\""),
                                 flatten(expected.back().body).at("subcounts.by_resource_types[000].label"));
            CheckOutcome outcome = compareWithReference(repo.storage(), ref, *records::parseDay("2024-03-12"));
            CPPUNIT_ASSERT_EQUAL(std::string(""), outcome.mismatch);
        }
    }

    void incrementalEqualsScratchAndReferenceSqlite() { seeds(false); }
    void incrementalEqualsScratchAndReferencePostgres() { seeds(true); }

private:
    static void seeds(bool postgresql) {
        std::string failures;
        for (std::uint64_t seed : seedsToRun(101, 106)) {
            std::string failure = incrementalRun(seed, postgresql);
            if (!failure.empty()) failures += "\n" + failure;
        }
        if (!failures.empty()) CPPUNIT_FAIL(failures);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CrossCheckIncrementalTest);
