// Randomized cross-check, from scratch: a seeded stream through the real services and usage store,
// all nine aggregators run once (the real module, host runner and source), then every field of
// every document of the 8 families (dense reads) compared with the independent reference. Both
// backends; per seed: floor, top limit, subcount subset and double-click mode vary (ReferenceRun.h).
// A failure names the seed, the backend and the first mismatch (family / community / day / field
// path, both values); STATSHOST_CROSSCHECK_SEED=N (or A-B) re-runs one seed (or searches more).
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "ReferenceAggregators.h"
#include "ReferenceCheck.h"
#include "ReferenceRun.h"
#include "aggregation/HostAggregationSource.h"

using namespace statshost;
using namespace statshost::test;
using namespace statshost::test::reference;

namespace {

const Aggregators& aggregators() {
    static Aggregators loaded;
    return loaded;
}

std::vector<TestBackend*> backends(SqliteBackend& sqlite, PostgresBackend& postgres) {
    std::vector<TestBackend*> out{&sqlite};
    if (postgres.available()) out.push_back(&postgres);
    return out;
}

/// Builds the repository of `seed`, aggregates once and compares. Returns "" or the failure.
std::string scratchRun(std::uint64_t seed, TestBackend& backend, std::uint64_t* documents) {
    auto started = std::chrono::steady_clock::now();
    auto lap = [last = started]() mutable {
        auto now = std::chrono::steady_clock::now();
        double s = std::chrono::duration<double>(now - last).count();
        last = now;
        return s;
    };
    std::string who = "seed " + std::to_string(seed) + " on " + backendName(backend) + " (" +
                      usage::modeName(modeFor(seed)) + "): ";
    Stream stream = generate(seed, optionsFor(seed));
    Repository repo(backend, modeFor(seed));
    std::string rejected = repo.apply(stream, 0, stream.operations.size());
    if (!rejected.empty()) return who + "the services rejected generated input:\n" + rejected;
    AggregationSettings settings = settingsFor(seed);
    const std::int64_t asOf = dayOf(stream.lastMicros) + 2;
    double applySeconds = lap();

    aggregators().registerTemplates(repo.storage());
    std::string failed = aggregators().run(repo.storage(), repo.storage().database(), settings, dayText(asOf));
    if (!failed.empty()) return who + "aggregation failed:" + failed;
    double aggregateSeconds = lap();

    Input in = readRepository(repo.storage());
    in.settings = settings;
    Reference ref(std::move(in));
    CheckOutcome outcome = compareWithReference(repo.storage(), ref, asOf);
    if (documents) *documents += outcome.documents;
    std::cerr << "  " << who << stream.operations.size() << " operations, as of " << dayText(asOf) << ", "
              << outcome.documents << " documents compared; seconds: apply " << applySeconds << ", aggregate "
              << aggregateSeconds << ", reference+compare " << lap() << "\n";
    if (!outcome.mismatch.empty()) return who + outcome.mismatch;
    return "";
}

}  // namespace

class CrossCheckScratchTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CrossCheckScratchTest);
    CPPUNIT_TEST(hostSourceReadsWhatTheRepositoryHolds);
    CPPUNIT_TEST(generatedStreamsExerciseEveryRule);
    CPPUNIT_TEST(theCheckSeesDeliberateDifferences);
    CPPUNIT_TEST(everyDocumentMatchesTheReferenceSqlite);
    CPPUNIT_TEST(everyDocumentMatchesTheReferencePostgres);
    CPPUNIT_TEST_SUITE_END();

public:
    /// The reference reads the tables itself; the aggregators read the host source. Both must see the
    /// same records (facts, files, facets), log and usage events.
    void hostSourceReadsWhatTheRepositoryHolds() {
        SqliteBackend sqlite;
        PostgresBackend postgres;
        for (TestBackend* b : backends(sqlite, postgres)) {
            Stream stream = generate(7, optionsFor(7));
            Repository repo(*b);
            CPPUNIT_ASSERT_EQUAL(std::string(""), repo.apply(stream, 0, stream.operations.size()));
            aggregation::HostAggregationSource source(repo.storage().database(), isoCodesPath());
            Input direct = readRepository(repo.storage());
            Input viaSource = readSource(source);
            CPPUNIT_ASSERT_EQUAL(std::string(""), firstInputDifference(direct, viaSource));
            for (const char* code : {"US", "DE", "TW", "GB", "BO"})
                CPPUNIT_ASSERT_EQUAL(countryLabel(code), source.countryLabel(code));
        }
    }

    /// The generator is only useful if its streams reach the rules: check one seed's repository.
    void generatedStreamsExerciseEveryRule() {
        SqliteBackend sqlite;
        int deletedRecords = 0, removals = 0, versions = 0, sameDay = 0, owners7 = 0, lateUsage = 0, metadataOnly = 0,
            futurePublication = 0;
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            SqliteBackend backend;
            Stream stream = generate(seed, optionsFor(seed));
            Repository repo(backend);
            CPPUNIT_ASSERT_EQUAL(std::string(""), repo.apply(stream, 0, stream.operations.size()));
            CPPUNIT_ASSERT(repo.tally().accepted.at("publish") > 20);
            Input in = readRepository(repo.storage());
            std::map<std::string, int> perParent;
            for (const auto& r : in.records) {
                deletedRecords += r.isDeleted;
                owners7 += r.owner == "7";
                metadataOnly += !r.filesEnabled;
                futurePublication += r.publicationDay > dayText(dayOf(stream.lastMicros));
                versions += ++perParent[r.parentId] == 2;
            }
            std::map<std::string, std::int64_t> lastAdded;
            for (const auto& e : in.events) {
                std::string key = e.recordId + " " + e.communityId;
                if (e.eventType == "removed") {
                    ++removals;
                    if (lastAdded.count(key) && dayOf(lastAdded[key]) == dayOf(e.eventDateMicros)) ++sameDay;
                } else {
                    lastAdded[key] = e.eventDateMicros;
                }
            }
            std::int64_t latest = 0;
            for (const auto& op : stream.operations)
                if (op.kind == Operation::Kind::Usage)
                    for (const auto& e : op.events) {
                        if (e.timestampMicros < latest - 86400LL * 1000000) ++lateUsage;
                        latest = std::max(latest, e.timestampMicros);
                    }
        }
        CPPUNIT_ASSERT(deletedRecords > 0);
        CPPUNIT_ASSERT(removals > 5);
        CPPUNIT_ASSERT(sameDay > 0);
        CPPUNIT_ASSERT(versions > 5);
        CPPUNIT_ASSERT(owners7 > 5);
        CPPUNIT_ASSERT(metadataOnly > 3);
        CPPUNIT_ASSERT(futurePublication > 0);
        CPPUNIT_ASSERT(lateUsage > 5);
    }

    /// The comparison is not vacuous: a reference computed from slightly different inputs or settings
    /// disagrees with the stored documents at the expected family and field.
    void theCheckSeesDeliberateDifferences() {
        SqliteBackend backend;
        const std::uint64_t seed = 12;
        Stream stream = generate(seed, optionsFor(seed));
        Repository repo(backend);
        CPPUNIT_ASSERT_EQUAL(std::string(""), repo.apply(stream, 0, stream.operations.size()));
        AggregationSettings settings = settingsFor(seed);
        const std::int64_t asOf = dayOf(stream.lastMicros) + 2;
        aggregators().registerTemplates(repo.storage());
        CPPUNIT_ASSERT_EQUAL(std::string(""),
                             aggregators().run(repo.storage(), repo.storage().database(), settings, dayText(asOf)));
        Input original = readRepository(repo.storage());
        original.settings = settings;
        auto mismatch = [&](const std::function<void(Input&)>& change) {
            Input in = original;
            change(in);
            return compareWithReference(repo.storage(), Reference(std::move(in)), asOf).mismatch;
        };
        CPPUNIT_ASSERT_EQUAL(std::string(""), mismatch([](Input&) {}));

        // One usage event fewer (the latest): the usage delta of its day differs.
        std::int64_t droppedDay = original.usage.back().day;
        std::string m = mismatch([](Input& in) { in.usage.pop_back(); });
        CPPUNIT_ASSERT_MESSAGE(m, contains(m, "stats-community-usage-delta community "));
        CPPUNIT_ASSERT_MESSAGE(m, contains(m, " day " + dayText(droppedDay) + ": "));
        // One byte more in a file: a records delta's data volume differs.
        m = mismatch([](Input& in) {
            for (auto& r : in.records)
                if (!r.files.empty()) {
                    r.files[0].size += 1;
                    break;
                }
        });
        CPPUNIT_ASSERT_MESSAGE(m, contains(m, "stats-community-records-delta-added community "));
        CPPUNIT_ASSERT_MESSAGE(m, contains(m, "data_volume: expected "));
        // Another top limit: the first snapshot's top lists differ.
        m = mismatch([](Input& in) { in.settings.topLimit = 1; });
        CPPUNIT_ASSERT_MESSAGE(m, contains(m, "stats-community-records-snapshot-added community "));
        CPPUNIT_ASSERT_MESSAGE(m, contains(m, ".top_"));
        // Another floor: published documents start elsewhere.
        m = mismatch([](Input& in) { in.settings.publishedDateFloor = "2024-02-01"; });
        CPPUNIT_ASSERT_MESSAGE(m, contains(m, "stats-community-records-delta-published community "));
        // A membership removed a day later: some records document differs.
        m = mismatch([](Input& in) {
            for (auto& e : in.events)
                if (e.eventType == "removed") {
                    e.eventDateMicros += 86400LL * 1000000;
                    break;
                }
        });
        CPPUNIT_ASSERT_MESSAGE(m, contains(m, "stats-community-records-"));
    }

    void everyDocumentMatchesTheReferenceSqlite() { seeds(false); }
    void everyDocumentMatchesTheReferencePostgres() { seeds(true); }

private:
    static void seeds(bool postgresql) {
        std::uint64_t documents = 0;
        std::string failures;
        for (std::uint64_t seed : seedsToRun(1, 20)) {
            std::unique_ptr<TestBackend> backend;
            if (postgresql) {
                auto pg = std::make_unique<PostgresBackend>();
                if (!pg->available()) return;
                backend = std::move(pg);
            } else {
                backend = std::make_unique<SqliteBackend>();
            }
            std::string failure = scratchRun(seed, *backend, &documents);
            if (!failure.empty()) failures += "\n" + failure;
        }
        if (!failures.empty()) CPPUNIT_FAIL(failures);
        if (!std::getenv("STATSHOST_CROSSCHECK_SEED")) CPPUNIT_ASSERT(documents > 20000);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CrossCheckScratchTest);
