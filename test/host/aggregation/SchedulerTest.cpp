// AggregationScheduler: ticks with today's date, repeats, stops promptly (also in the middle of a run),
// and a second scheduler on the same database skips while the first holds the lock.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <thread>

#include "AggregationTestSupport.h"
#include "ScriptedAggregator.h"
#include "aggregation/AggregationScheduler.h"
#include "aggregation/HostAggregationSource.h"
#include "aggregation/RunGuards.h"
#include "plugins/HostServices.h"

using namespace statshost;
using namespace statshost::test;
using namespace std::chrono_literals;

namespace {

class NullProgress : public Progress {
public:
    void begin(const std::string&, std::uint64_t, const std::string&) override {}
    void advance(std::uint64_t) override {}
    void note(const std::string&) override {}
    void end() override {}
};

/// Waits up to 10 s for `done`.
bool eventually(const std::function<bool()>& done) {
    for (int i = 0; i < 1000; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return done();
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Bench {
    SqliteBackend backend;
    std::unique_ptr<storage::Storage> store;
    std::unique_ptr<aggregation::HostAggregationSource> source;
    AggregationSettings settings;
    plugins::ManualClock clock{micros("2025-03-04T23:59:59Z")};
    NullProgress progress;

    Bench() {
        store = backend.open();
        store->initialize();
        source = std::make_unique<aggregation::HostAggregationSource>(store->database(), "");
    }
};

AggregationResult quick(AggregationContext&, const AggregationRequest&) { return {}; }

}  // namespace

class SchedulerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SchedulerTest);
    CPPUNIT_TEST(ticksAsOfTodayAndRepeats);
    CPPUNIT_TEST(stopsPromptlyWhileWaiting);
    CPPUNIT_TEST(stopCancelsARunInProgress);
    CPPUNIT_TEST(secondSchedulerSkipsWhileTheFirstRuns);
    CPPUNIT_TEST_SUITE_END();

public:
    void ticksAsOfTodayAndRepeats() {
        Bench b;
        ScriptedAggregator* seen = nullptr;
        std::vector<plugins::AggregatorEntry> entries;
        entries.push_back(scriptedEntry("tick", "stats-tick", quick, &seen));
        aggregation::AggregationRunner runner(entries, *b.store, *b.source, b.settings, b.clock, b.progress);
        int observed = 0;
        runner.setObserver([&](const std::string&, double, bool) { ++observed; });
        aggregation::AggregationScheduler scheduler(runner, b.clock, 0ms, 50ms);
        scheduler.start();
        CPPUNIT_ASSERT(eventually([&] { return seen->runs().size() >= 3; }));
        scheduler.stop();
        const auto runs = seen->runs();
        for (const SeenRun& r : runs) {
            CPPUNIT_ASSERT(r.request.tick);
            CPPUNIT_ASSERT_EQUAL(std::string("2025-03-04"), r.request.asOfDay);  // today, UTC, from the clock
            CPPUNIT_ASSERT(r.request.communityIds.empty());
            CPPUNIT_ASSERT(!r.request.ignoreBookmark && r.request.updateBookmark);
        }
        CPPUNIT_ASSERT_EQUAL(static_cast<std::uint64_t>(runs.size()), scheduler.runs());
        CPPUNIT_ASSERT_EQUAL(static_cast<int>(runs.size()), observed);
        // No run after stop().
        std::this_thread::sleep_for(120ms);
        CPPUNIT_ASSERT_EQUAL(runs.size(), seen->runs().size());
    }

    void stopsPromptlyWhileWaiting() {
        Bench b;
        ScriptedAggregator* seen = nullptr;
        std::vector<plugins::AggregatorEntry> entries;
        entries.push_back(scriptedEntry("tick", "stats-tick", quick, &seen));
        aggregation::AggregationRunner runner(entries, *b.store, *b.source, b.settings, b.clock, b.progress);
        aggregation::AggregationScheduler scheduler(runner, b.clock, 0ms, std::chrono::milliseconds(3600 * 1000));
        scheduler.start();
        CPPUNIT_ASSERT(eventually([&] { return seen->runs().size() == 1; }));
        const auto start = std::chrono::steady_clock::now();
        scheduler.stop();
        CPPUNIT_ASSERT(secondsSince(start) < 1.0);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), seen->runs().size());

        // Stopped before the first delay ran out: nothing ran at all.
        ScriptedAggregator* idle = nullptr;
        std::vector<plugins::AggregatorEntry> others;
        others.push_back(scriptedEntry("idle", "stats-idle", quick, &idle));
        aggregation::AggregationRunner runner2(others, *b.store, *b.source, b.settings, b.clock, b.progress);
        aggregation::AggregationScheduler late(runner2, b.clock, std::chrono::milliseconds(3600 * 1000), 1000ms);
        late.start();
        const auto start2 = std::chrono::steady_clock::now();
        late.stop();
        CPPUNIT_ASSERT(secondsSince(start2) < 1.0);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), late.runs());
        CPPUNIT_ASSERT(idle->runs().empty());
    }

    void stopCancelsARunInProgress() {
        Bench b;
        std::atomic<bool> started{false};
        ScriptedAggregator* seen = nullptr;
        std::vector<plugins::AggregatorEntry> entries;
        // Reports progress "forever" (60 s at most), as a long backfill would.
        entries.push_back(scriptedEntry(
            "long", "stats-long",
            [&](AggregationContext& ctx, const AggregationRequest&) {
                ctx.progress.begin("long", 6000, "days");
                started = true;
                for (int i = 0; i < 6000; ++i) {
                    std::this_thread::sleep_for(10ms);
                    ctx.progress.advance(1);
                }
                return AggregationResult{};
            },
            &seen));
        entries.push_back(scriptedEntry("after", "stats-after", quick));
        aggregation::AggregationRunner runner(entries, *b.store, *b.source, b.settings, b.clock, b.progress);
        std::vector<std::string> observed;
        runner.setObserver([&](const std::string& name, double, bool ok) { observed.push_back(name + (ok ? ":ok" : ":failed")); });
        LogCapture log("statshost");
        aggregation::AggregationScheduler scheduler(runner, b.clock, 0ms, 1000ms);
        scheduler.start();
        CPPUNIT_ASSERT(eventually([&] { return started.load(); }));
        const auto start = std::chrono::steady_clock::now();
        scheduler.stop();
        CPPUNIT_ASSERT(secondsSince(start) < 1.0);
        const auto runs = seen->runs();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), runs.size());
        CPPUNIT_ASSERT_EQUAL(std::string("aggregation cancelled (shutting down)"), runs[0].failure);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), observed.size());  // "after" never started
        CPPUNIT_ASSERT_EQUAL(std::string("long:failed"), observed[0]);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.count("aggregation cancelled; the remaining aggregations were not run"));
        // The lock went with the run: another runner can take it.
        CPPUNIT_ASSERT(b.store->tryLock(aggregation::kAggregationLock, 60) != nullptr);
    }

    void secondSchedulerSkipsWhileTheFirstRuns() {
        onEachBackend([](TestBackend& backend) {
            auto storeA = backend.open();
            storeA->initialize();
            auto storeB = backend.open();  // the second process
            aggregation::HostAggregationSource sourceA(storeA->database(), ""), sourceB(storeB->database(), "");
            AggregationSettings settings;
            plugins::ManualClock clock(micros("2025-01-01T00:00:00Z"));
            NullProgress progress;
            std::atomic<bool> inside{false}, release{false};
            std::vector<plugins::AggregatorEntry> a, bEntries;
            a.push_back(scriptedEntry("agg", "stats-agg", [&](AggregationContext&, const AggregationRequest&) {
                inside = true;
                while (!release) std::this_thread::sleep_for(5ms);
                return AggregationResult{};
            }));
            ScriptedAggregator* second = nullptr;
            bEntries.push_back(scriptedEntry("agg", "stats-agg", quick, &second));
            aggregation::AggregationRunner runnerA(a, *storeA, sourceA, settings, clock, progress);
            aggregation::AggregationRunner runnerB(bEntries, *storeB, sourceB, settings, clock, progress);
            LogCapture log("statshost.aggregation");
            aggregation::AggregationScheduler first(runnerA, clock, 0ms, 3600000ms);
            first.start();
            CPPUNIT_ASSERT(eventually([&] { return inside.load(); }));
            aggregation::AggregationScheduler other(runnerB, clock, 0ms, 20ms);
            other.start();
            CPPUNIT_ASSERT(eventually([&] { return other.runs() >= 3; }));
            CPPUNIT_ASSERT(second->runs().empty());  // every tick of the second one skipped
            CPPUNIT_ASSERT(log.count("aggregation skipped: lock held by another process") >= 2);
            release = true;
            CPPUNIT_ASSERT(eventually([&] { return !second->runs().empty(); }));  // free again: it runs
            other.stop();
            first.stop();
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SchedulerTest);
