// AggregationRunner: configuration order, name filter, the storage lock, error containment, the
// context it builds, cancellation — with the fixture plugin's aggregator and in-process ones.
#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

#include "../config/ConfigFiles.h"
#include "AggregationTestSupport.h"
#include "ScriptedAggregator.h"
#include "aggregation/AggregationRunner.h"
#include "aggregation/AggregationSettings.h"
#include "aggregation/HostAggregationSource.h"
#include "aggregation/RunGuards.h"
#include "config/ConfigLoader.h"
#include "plugins/HostServices.h"
#include "storage/FaultInjectingStore.h"

using namespace statshost;
using namespace statshost::test;

namespace {

/// Discards progress; counts calls.
class CountingProgress : public Progress {
public:
    void begin(const std::string&, std::uint64_t, const std::string&) override { ++begins; }
    void advance(std::uint64_t units) override { advanced += units; }
    void note(const std::string&) override {}
    void end() override {}
    int begins = 0;
    std::uint64_t advanced = 0;
};

/// The fixture plugin with two aggregations, fix-b configured before fix-a.
struct FixtureSetup {
    ConfigFiles files;
    std::unique_ptr<plugins::ExtensionRegistry> registry;
    std::unique_ptr<storage::Storage> storage;
    std::unique_ptr<aggregation::HostAggregationSource> source;
    AggregationSettings settings;
    plugins::ManualClock clock{0};
    CountingProgress progress;

    explicit FixtureSetup(TestBackend& backend) {
        files.main = "plugins:\n  good: " + std::string(STATSHOST_TEST_PLUGIN_DIR) + "/libfixture_good.so\n";
        files.stats =
            "STATS_AGGREGATIONS:\n"
            "  fix-b: {plugin: good, class: FixtureAggregator, templates: stats-fix-b, params: {days: 2, tag: b}}\n"
            "  fix-a: {plugin: good, class: FixtureAggregator, templates: stats-fix-a, params: {days: 3, tag: a}}\n";
        registry = plugins::ExtensionRegistry::load(config::loadConfig(files.write(), {}));
        storage = backend.open();
        storage->initialize();
        for (const auto& entry : registry->aggregators())
            for (const auto& t : entry.object->indexTemplates()) storage->registerTemplate(t);
        aggregation::ensureSourceTables(storage->database());
        source = std::make_unique<aggregation::HostAggregationSource>(storage->database(), "");
    }
    aggregation::AggregationRunner runner() {
        return aggregation::AggregationRunner(registry->aggregators(), *storage, *source, settings, clock, progress);
    }
    aggregation::AggregationRunner runnerOn(DocumentStore& store) {
        return aggregation::AggregationRunner(registry->aggregators(), store, *source, settings, clock, progress);
    }
};

aggregation::RunOptions asOf(const std::string& day, std::vector<std::string> names = {}) {
    aggregation::RunOptions options;
    options.aggregations = std::move(names);
    options.request.asOfDay = day;
    return options;
}

std::vector<std::string> names(const aggregation::RunReport& report) {
    std::vector<std::string> out;
    for (const auto& o : report.outcomes) out.push_back(o.name);
    return out;
}

/// Calls cancel() on `runner` from inside the first upsert (after it reached the store).
class CancellingStore : public storage::FaultInjectingStore {
public:
    explicit CancellingStore(DocumentStore& inner) : FaultInjectingStore(inner) {}
    void upsert(const std::string& alias, const std::vector<Document>& docs) override {
        FaultInjectingStore::upsert(alias, docs);
        if (runner) runner->cancel();
    }
    aggregation::AggregationRunner* runner = nullptr;
};

}  // namespace

class RunnerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RunnerTest);
    CPPUNIT_TEST(runsEveryAggregationInConfigurationOrder);
    CPPUNIT_TEST(runsOnlyTheNamedOnes);
    CPPUNIT_TEST(unknownNameIsRefusedBeforeAnythingRuns);
    CPPUNIT_TEST(skipsWhileAnotherProcessHoldsTheLock);
    CPPUNIT_TEST(aFailureDoesNotStopTheOthers);
    CPPUNIT_TEST(contextCarriesSourceSettingsAndRequest);
    CPPUNIT_TEST(reportedErrorsMarkTheAggregationFailed);
    CPPUNIT_TEST(cancelStopsAtTheNextWriteAndSkipsTheRest);
    CPPUNIT_TEST(guardsThrowOnceCancelledAndCountDocuments);
    CPPUNIT_TEST(guardedBookmarksAreReadInBulk);
    CPPUNIT_TEST_SUITE_END();

public:
    void runsEveryAggregationInConfigurationOrder() {
        onEachBackend([](TestBackend& b) {
            FixtureSetup f(b);
            LogCapture log("statshost");
            auto runner = f.runner();
            std::vector<std::string> observed;
            runner.setObserver([&](const std::string& name, double seconds, bool ok) {
                CPPUNIT_ASSERT(seconds >= 0);
                observed.push_back(name + (ok ? ":ok" : ":failed"));
            });
            auto report = runner.run(asOf("2025-01-01"));
            CPPUNIT_ASSERT(report.ok());
            CPPUNIT_ASSERT(!report.skipped);
            CPPUNIT_ASSERT_EQUAL(std::string("fix-b,fix-a"), [&] {
                std::string s;
                for (const auto& n : names(report)) s += (s.empty() ? "" : ",") + n;
                return s;
            }());
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), report.outcomes[0].result.documents);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), report.outcomes[1].result.documents);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(5), report.documents());
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(5), runner.documentsWritten());
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), observed.size());
            CPPUNIT_ASSERT_EQUAL(std::string("fix-b:ok"), observed[0]);
            CPPUNIT_ASSERT_EQUAL(std::string("fix-a:ok"), observed[1]);
            // The fixture writes days ending at the as-of day, for "global" when no community is named.
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), f.storage->count("stats-fix-b", {"global", "", ""}));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), f.storage->count("stats-fix-a", {"global", "2024-12-30", "2025-01-01"}));
            // One summary line per aggregation, and the plugin's own logger is named after the aggregation.
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("statshost.aggregation: fix-b: 1 communities, 2 documents, "));
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("statshost.aggregation: fix-a: 1 communities, 3 documents, "));
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("statshost.fix-a: wrote 3 documents"));
            // The lock is released afterwards.
            CPPUNIT_ASSERT(f.storage->tryLock(aggregation::kAggregationLock, 60) != nullptr);
        });
    }

    void runsOnlyTheNamedOnes() {
        SqliteBackend b;
        FixtureSetup f(b);
        auto runner = f.runner();
        auto report = runner.run(asOf("2025-01-01", {"fix-a"}));
        CPPUNIT_ASSERT(report.ok());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), report.outcomes.size());
        CPPUNIT_ASSERT_EQUAL(std::string("fix-a"), report.outcomes[0].name);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), f.storage->count("stats-fix-b", {}));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), f.storage->count("stats-fix-a", {}));
        // Naming both in reverse still runs them in configuration order.
        report = runner.run(asOf("2025-01-01", {"fix-a", "fix-b"}));
        CPPUNIT_ASSERT_EQUAL(std::string("fix-b"), report.outcomes.at(0).name);
        CPPUNIT_ASSERT_EQUAL(std::string("fix-a"), report.outcomes.at(1).name);
    }

    void unknownNameIsRefusedBeforeAnythingRuns() {
        SqliteBackend b;
        FixtureSetup f(b);
        auto runner = f.runner();
        std::string message;
        try {
            runner.run(asOf("2025-01-01", {"fix-a", "nope"}));
        } catch (const std::invalid_argument& e) {
            message = e.what();
        }
        CPPUNIT_ASSERT_EQUAL(std::string("unknown aggregation 'nope' (configured: fix-b, fix-a)"), message);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), f.storage->count("stats-fix-a", {}));
    }

    void skipsWhileAnotherProcessHoldsTheLock() {
        onEachBackend([](TestBackend& b) {
            FixtureSetup f(b);
            auto other = b.open();  // another process's storage
            auto held = other->tryLock(aggregation::kAggregationLock, 600);
            CPPUNIT_ASSERT(held != nullptr);
            LogCapture log("statshost.aggregation");
            auto runner = f.runner();
            int observed = 0;
            runner.setObserver([&](const std::string&, double, bool) { ++observed; });
            auto report = runner.run(asOf("2025-01-01"));
            CPPUNIT_ASSERT(report.skipped);
            CPPUNIT_ASSERT(!report.ok());
            CPPUNIT_ASSERT(report.outcomes.empty());
            CPPUNIT_ASSERT_EQUAL(0, observed);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), f.storage->count("stats-fix-a", {}));
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("aggregation skipped: lock held by another process"));
            held.reset();
            report = runner.run(asOf("2025-01-01"));
            CPPUNIT_ASSERT(report.ok());
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), f.storage->count("stats-fix-a", {}));
        });
    }

    void aFailureDoesNotStopTheOthers() {
        onEachBackend([](TestBackend& b) {
            FixtureSetup f(b);
            storage::FaultInjectingStore faulty(*f.storage);
            faulty.failNth(storage::StoreOperation::Upsert, 1, "disk on fire");
            auto runner = f.runnerOn(faulty);
            std::vector<bool> oks;
            runner.setObserver([&](const std::string&, double, bool ok) { oks.push_back(ok); });
            LogCapture log("statshost.aggregation");
            auto report = runner.run(asOf("2025-01-01"));
            CPPUNIT_ASSERT(!report.ok());
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), report.outcomes.size());
            CPPUNIT_ASSERT(!report.outcomes[0].ok);
            CPPUNIT_ASSERT_EQUAL(std::string("disk on fire"), report.outcomes[0].failure);
            CPPUNIT_ASSERT(report.outcomes[1].ok);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), oks.size());
            CPPUNIT_ASSERT(!oks[0] && oks[1]);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), f.storage->count("stats-fix-b", {}));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), f.storage->count("stats-fix-a", {}));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), runner.documentsWritten());  // failed writes are not counted
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("fix-b failed: disk on fire"));
        });
    }

    void contextCarriesSourceSettingsAndRequest() {
        SqliteBackend b;
        auto store = b.open();
        store->initialize();
        aggregation::ensureSourceTables(store->database());
        aggregation::HostAggregationSource source(store->database(), "");
        AggregationSettings settings;
        settings.topLimit = 7;
        plugins::ManualClock clock(42);
        CountingProgress progress;
        ScriptedAggregator* seen = nullptr;
        std::vector<plugins::AggregatorEntry> entries;
        entries.push_back(scriptedEntry("probe", "stats-probe",
                                        [](AggregationContext& ctx, const AggregationRequest&) {
                                            ctx.progress.begin("probe", 3, "days");
                                            ctx.progress.advance(3);
                                            ctx.progress.end();
                                            ctx.logger.info("hello from probe");
                                            AggregationResult r;
                                            r.communities = 2;
                                            r.documents = 0;
                                            return r;
                                        },
                                        &seen));
        aggregation::AggregationRunner runner(entries, *store, source, settings, clock, progress);
        aggregation::RunOptions options;
        options.request.asOfDay = "2024-06-30";
        options.request.startDay = "2024-06-01";
        options.request.endDay = "2024-06-29";
        options.request.communityIds = {"c1", "global"};
        options.request.ignoreBookmark = true;
        options.request.updateBookmark = false;
        options.request.tick = true;
        LogCapture log("statshost");
        auto report = runner.run(options);
        CPPUNIT_ASSERT(report.ok());
        auto runs = seen->runs();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), runs.size());
        const SeenRun& r = runs[0];
        CPPUNIT_ASSERT(r.source == &source);
        CPPUNIT_ASSERT(r.settings == &settings);
        CPPUNIT_ASSERT(r.clock == &clock);
        CPPUNIT_ASSERT_EQUAL(std::string("2024-06-30"), r.request.asOfDay);
        CPPUNIT_ASSERT_EQUAL(std::string("2024-06-01"), r.request.startDay);
        CPPUNIT_ASSERT_EQUAL(std::string("2024-06-29"), r.request.endDay);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.request.communityIds.size());
        CPPUNIT_ASSERT(r.request.ignoreBookmark && !r.request.updateBookmark && r.request.tick);
        CPPUNIT_ASSERT_EQUAL(1, progress.begins);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), progress.advanced);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("statshost.probe: hello from probe"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("probe: 2 communities, 0 documents"));
    }

    void reportedErrorsMarkTheAggregationFailed() {
        SqliteBackend b;
        auto store = b.open();
        store->initialize();
        aggregation::HostAggregationSource source(store->database(), "");
        AggregationSettings settings;
        plugins::ManualClock clock(0);
        CountingProgress progress;
        std::vector<plugins::AggregatorEntry> entries;
        entries.push_back(scriptedEntry("partial", "stats-partial", [](AggregationContext&, const AggregationRequest&) {
            AggregationResult r;
            r.communities = 3;
            r.errors = {"c2: something broke"};
            return r;
        }));
        entries.push_back(scriptedEntry("thrower", "stats-thrower", [](AggregationContext&, const AggregationRequest&)
                                                                         -> AggregationResult { throw 42; }));
        aggregation::AggregationRunner runner(entries, *store, source, settings, clock, progress);
        LogCapture log("statshost.aggregation");
        auto report = runner.run(asOf("2024-01-01"));
        CPPUNIT_ASSERT(!report.ok());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), report.outcomes.size());
        CPPUNIT_ASSERT(!report.outcomes[0].ok);
        CPPUNIT_ASSERT(report.outcomes[0].failure.empty());
        CPPUNIT_ASSERT(!report.outcomes[1].ok);
        CPPUNIT_ASSERT_EQUAL(std::string("unknown exception"), report.outcomes[1].failure);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("partial: c2: something broke"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("thrower failed: unknown exception"));
    }

    void cancelStopsAtTheNextWriteAndSkipsTheRest() {
        SqliteBackend b;
        FixtureSetup f(b);
        CancellingStore store(*f.storage);
        auto runner = f.runnerOn(store);
        store.runner = &runner;
        auto report = runner.run(asOf("2025-01-01"));
        CPPUNIT_ASSERT(report.cancelled);
        CPPUNIT_ASSERT(!report.ok());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), report.outcomes.size());  // fix-b wrote, then fix-a never started
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), f.storage->count("stats-fix-b", {}));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), f.storage->count("stats-fix-a", {}));
        // A cancelled runner runs nothing more.
        report = runner.run(asOf("2025-01-02"));
        CPPUNIT_ASSERT(report.cancelled);
        CPPUNIT_ASSERT(report.outcomes.empty());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), f.storage->count("stats-fix-b", {}));
    }

    void guardsThrowOnceCancelledAndCountDocuments() {
        SqliteBackend b;
        auto store = b.open();
        store->initialize();
        store->registerTemplate({"stats-guard", "day", "{}", FillRule::None, ""});
        std::atomic<bool> cancelled{false};
        std::atomic<std::uint64_t> written{0};
        aggregation::GuardedStore guarded(*store, cancelled, written);
        CountingProgress inner;
        aggregation::GuardedProgress progress(inner, cancelled);
        guarded.upsert("stats-guard", {{"a", "c", "2024-01-01", "{}"}, {"b", "c", "2024-01-02", "{}"}});
        guarded.replaceRange("stats-guard", {"c", "2024-01-02", "2024-01-03"}, {{"c", "c", "2024-01-03", "{}"}});
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), written.load());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), store->count("stats-guard", {}));  // b replaced by c
        progress.begin("p", 1, "days");
        progress.advance(1);
        cancelled = true;
        bool threw = false;
        try {
            guarded.upsert("stats-guard", {{"d", "c", "2024-01-04", "{}"}});
        } catch (const aggregation::AggregationCancelled&) {
            threw = true;
        }
        CPPUNIT_ASSERT(threw);
        CPPUNIT_ASSERT_THROW(guarded.replaceRange("stats-guard", {"c", "2024-01-01", "2024-01-09"}, {}),
                             aggregation::AggregationCancelled);
        CPPUNIT_ASSERT_THROW(progress.advance(1), aggregation::AggregationCancelled);
        CPPUNIT_ASSERT_THROW(progress.begin("q", 1, "days"), aggregation::AggregationCancelled);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), store->count("stats-guard", {}));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), written.load());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), inner.advanced);
        // Reads and bookmarks still pass (an aggregator may record where it stopped).
        guarded.setBookmark("guard", "c", "2024-01-03");
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-03"), guarded.bookmark("guard", "c").value_or(""));
    }

    /// The first read of a name loads every bookmark named after it in one statement; the guard's own
    /// writes keep that copy current, other names and other stores are not affected.
    void guardedBookmarksAreReadInBulk() {
        onEachBackend([](TestBackend& b) {
            auto store = b.open();
            store->initialize();
            store->setBookmark("agg", "c1", "2024-01-01");
            store->setBookmark("agg#dirty", "c2", "2024-01-02");
            store->setBookmark("other", "c1", "2024-01-03");
            storage::FaultInjectingStore counted(*store);
            std::atomic<bool> cancelled{false};
            std::atomic<std::uint64_t> written{0};
            aggregation::GuardedStore guarded(counted, cancelled, written, aggregation::bulkBookmarkLoader(*store));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01"), guarded.bookmark("agg", "c1").value_or("-"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-02"), guarded.bookmark("agg#dirty", "c2").value_or("-"));
            CPPUNIT_ASSERT(!guarded.bookmark("agg#dirty", "c1"));
            CPPUNIT_ASSERT(!guarded.bookmark("agg#seq", "*"));
            CPPUNIT_ASSERT_EQUAL(0, counted.calls(storage::StoreOperation::Bookmark));  // all from one load
            // Writes go to the store and into the copy.
            guarded.setBookmark("agg#seq", "*", "17");
            guarded.setBookmark("agg", "c1", "2024-02-01");
            CPPUNIT_ASSERT_EQUAL(std::string("17"), guarded.bookmark("agg#seq", "*").value_or("-"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-02-01"), store->bookmark("agg", "c1").value_or("-"));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), guarded.clearBookmarks("agg#dirty", "c2"));
            CPPUNIT_ASSERT(!guarded.bookmark("agg#dirty", "c2"));
            CPPUNIT_ASSERT(!store->bookmark("agg#dirty", "c2"));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), guarded.clearBookmarks("", "c1"));  // agg/c1 and other/c1
            CPPUNIT_ASSERT(!guarded.bookmark("agg", "c1"));
            CPPUNIT_ASSERT(!guarded.bookmark("other", "c1"));
            CPPUNIT_ASSERT_EQUAL(std::string("17"), guarded.bookmark("agg#seq", "*").value_or("-"));
            // A name loaded later sees the store as it is then.
            store->setBookmark("late", "c1", "2024-03-01");
            CPPUNIT_ASSERT(!guarded.bookmark("late#x", "c1"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), guarded.bookmark("late", "c1").value_or("-"));
            CPPUNIT_ASSERT_EQUAL(0, counted.calls(storage::StoreOperation::Bookmark));
            // Without a loader (a store that is not a Storage) every read goes through.
            aggregation::GuardedStore plain(counted, cancelled, written, aggregation::bulkBookmarkLoader(counted));
            CPPUNIT_ASSERT_EQUAL(std::string("17"), plain.bookmark("agg#seq", "*").value_or("-"));
            CPPUNIT_ASSERT_EQUAL(1, counted.calls(storage::StoreOperation::Bookmark));
            // Keys the store refuses still fail the same way.
            CPPUNIT_ASSERT(contains(storageError([&] { guarded.bookmark("", "c1"); }), "aggregation"));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RunnerTest);
