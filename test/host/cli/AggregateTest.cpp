// aggregate, read, status per community, clear-bookmarks and the serve scheduler through the real
// executable, with the fixture plugin's aggregator (writes `days` documents per community ending at the
// as-of day) and the stats_components plugin for the repository.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "CliRunner.h"
#include "storage/Storage.h"
#include "support/TestEnv.h"

using namespace statshost::test;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const char* const kCommunities =
    R"({"op":"community","at":"2024-01-01T00:00:00Z","community":{"id":"c-uuid-1","slug":"alpha","metadata":{"title":"Alpha"}}})"
    "\n"
    R"({"op":"community","at":"2024-01-01T00:00:00Z","community":{"id":"c-uuid-2","slug":"beta","metadata":{"title":"Beta"}}})"
    "\n";

struct Workspace {
    TempDir dir;
    std::string db;
    std::vector<std::string> global;

    /// `statsExtra` is appended to stats.yaml, `mainExtra` to statshost.yaml.
    explicit Workspace(const std::string& statsExtra = "", const std::string& mainExtra = "") {
        std::ofstream(dir.file("statshost.yaml"))
            << "plugins:\n  fixture: " << STATSHOST_TEST_PLUGIN_DIR << "/libfixture_good.so\n"
            << "  stats_components: " << STATSHOST_PLUGIN_DIR << "/libstats_components.so\n"
            << "paths:\n  data: " << STATSHOST_SOURCE_DIR << "/conf/data\n"
            << mainExtra;
        std::ofstream(dir.file("stats.yaml"))
            << "STATS_AGGREGATIONS:\n"
               "  fixture-agg: {plugin: fixture, class: FixtureAggregator, templates: stats-fixture, params: {days: 3, tag: t}}\n"
               "  second-agg: {plugin: fixture, class: FixtureAggregator, templates: stats-second, params: {days: 1}}\n"
            << "RDM_RECORDS_SERVICE_COMPONENTS:\n  - {plugin: stats_components, class: RecordCommunityEventComponent}\n"
            << statsExtra;
        std::ofstream(dir.file("dashboard.yaml")) << "{}\n";
        db = "sqlite:" + dir.file("db.sqlite");
        global = {"--config", dir.file("statshost.yaml"), "--db", db};
    }
    CliResult run(std::vector<std::string> args, const std::string& input = "") {
        auto all = global;
        all.insert(all.end(), args.begin(), args.end());
        return runStatshost(all, "", {}, input);
    }
    void importCommunities() {
        auto r = run({"import", "ops", "-"}, kCommunities);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
    }
    std::unique_ptr<statshost::storage::Storage> open() {
        auto store = statshost::storage::Storage::open(db);
        store->initialize();
        return store;
    }
};

Poco::JSON::Array::Ptr parseArray(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
}

bool eventually(const std::function<bool()>& done, int seconds = 15) {
    for (int i = 0; i < seconds * 50; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
}

}  // namespace

class AggregateTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AggregateTest);
    CPPUNIT_TEST(aggregateRunsAndReadPrintsJson);
    CPPUNIT_TEST(aggregateRefusesUnknownNamesAndBadDates);
    CPPUNIT_TEST(aggregateSkipsWhileTheLockIsHeld);
    CPPUNIT_TEST(statusShowsEachCommunity);
    CPPUNIT_TEST(clearBookmarksNeedsChoicesAndConfirmation);
    CPPUNIT_TEST(serveRunsTheScheduleAndSkipsWhenLocked);
    CPPUNIT_TEST(serveWithoutScheduleRunsNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void aggregateRunsAndReadPrintsJson() {
        Workspace w;
        w.importCommunities();
        // Communities by slug or id; global by name.
        auto r = w.run({"aggregate", "--as-of", "2025-01-01", "--community-id", "alpha", "--community-id", "global",
                        "--community-id", "c-uuid-1"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "aggregated as of 2025-01-01:\n"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "  fixture-agg: 2 communities, 6 documents, "));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "  second-agg: 2 communities, 2 documents, "));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "total: 8 documents in "));
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "fixture-agg: 2 communities, 6 documents"));  // the log line

        r = w.run({"read", "--query", "stats-fixture", "--community", "alpha"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        auto docs = parseArray(r.out);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), docs->size());
        for (unsigned i = 0; i < 3; ++i) {
            CPPUNIT_ASSERT_EQUAL(int(i), docs->getObject(i)->getValue<int>("n"));
            CPPUNIT_ASSERT_EQUAL(std::string("t"), docs->getObject(i)->getValue<std::string>("tag"));
        }
        // By aggregation name and id, within dates.
        r = w.run({"read", "--query", "fixture-agg", "--community", "c-uuid-1", "--start-date", "2024-12-31",
                   "--end-date", "2025-01-01"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        docs = parseArray(r.out);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), docs->size());
        CPPUNIT_ASSERT_EQUAL(1, docs->getObject(0)->getValue<int>("n"));
        // A community without documents: an empty array.
        r = w.run({"read", "--query", "stats-second", "--community", "beta"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_EQUAL(std::string("[]\n"), r.out);

        r = w.run({"read", "--query", "stats-nope", "--community", "global"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "unknown query 'stats-nope'"));
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "stats-fixture, stats-second"));
        r = w.run({"read", "--query", "stats-fixture"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "--community ID|slug|global is required"));
        r = w.run({"read", "--query", "stats-fixture", "--community", "gamma"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "unknown community 'gamma'"));
    }

    void aggregateRefusesUnknownNamesAndBadDates() {
        Workspace w;
        w.importCommunities();
        auto r = w.run({"aggregate", "--community-id", "alpha", "--community-id", "nope"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "unknown community 'nope'"));
        r = w.run({"aggregate", "--aggregation", "fixture-agg", "--aggregation", "nope"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "unknown aggregation 'nope' (configured: fixture-agg, second-agg)"));
        r = w.run({"aggregate", "--as-of", "2025-13-01"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "--as-of: expected a day YYYY-MM-DD, got '2025-13-01'"));
        r = w.run({"aggregate", "--start-date", "2025-02-01", "--end-date", "2025-01-01"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "--start-date 2025-02-01 is after --end-date 2025-01-01"));
        // Nothing was written by any of these.
        for (const auto& index : w.open()->indices()) CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), index.documents);

        // Only the named aggregation runs; without --as-of the day is today (the fixture ends there).
        r = w.run({"aggregate", "--aggregation", "second-agg"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, !contains(r.out, "fixture-agg"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "second-agg: 1 communities, 1 documents"));
        auto store = w.open();
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), store->count("stats-fixture", {}));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), store->count("stats-second", {"global", "", ""}));
    }

    void aggregateSkipsWhileTheLockIsHeld() {
        Workspace w;
        CPPUNIT_ASSERT_EQUAL(0, w.run({"init"}).exitCode);
        auto store = w.open();
        auto lock = store->tryLock("community_stats_aggregation", 600);
        CPPUNIT_ASSERT(lock != nullptr);
        auto r = w.run({"aggregate", "--as-of", "2025-01-01"});
        CPPUNIT_ASSERT_EQUAL(1, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "aggregation skipped: lock held by another process"));
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "aggregation skipped: lock held by another process"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), store->count("stats-fixture", {}));
        lock.reset();
        r = w.run({"aggregate", "--as-of", "2025-01-01"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), store->count("stats-fixture", {}));
    }

    void statusShowsEachCommunity() {
        Workspace w;
        w.importCommunities();
        CPPUNIT_ASSERT_EQUAL(0, w.run({"aggregate", "--as-of", "2025-01-01", "--community-id", "global",
                                       "--community-id", "beta"}).exitCode);
        {
            auto store = w.open();
            store->setBookmark("fixture-agg", "global", "2025-01-01");
            store->setBookmark("fixture-agg#dirty", "global", "2024-12-31");
            store->setBookmark("fixture-agg#seq", "*", "17");
        }
        auto r = w.run({"status", "--json"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        auto status = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
        auto aggs = status->getArray("aggregations");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), aggs->size());
        auto fixture = aggs->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("17"), fixture->getValue<std::string>("watermark"));
        auto rows = fixture->getArray("communities");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), rows->size());
        auto beta = rows->getObject(0);  // "c-uuid-2" sorts before "global"
        CPPUNIT_ASSERT_EQUAL(std::string("c-uuid-2"), beta->getValue<std::string>("community"));
        CPPUNIT_ASSERT(beta->isNull("bookmark"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-12-30"), beta->getValue<std::string>("first_day"));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01"), beta->getValue<std::string>("last_day"));
        CPPUNIT_ASSERT_EQUAL(3, beta->getValue<int>("documents"));
        auto global = rows->getObject(1);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01"), global->getValue<std::string>("bookmark"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-12-31"), global->getValue<std::string>("dirty_from"));

        r = w.run({"status"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "fixture-agg  fixture/FixtureAggregator -> stats-fixture  (change watermark: 17)"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "    community  bookmark    dirty from  first day   last day    documents\n"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "    c-uuid-2   -           -           2024-12-30  2025-01-01  3\n"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "    global     2025-01-01  2024-12-31  2024-12-30  2025-01-01  3\n"));

        // Only the communities asked for (by slug), also when they have nothing.
        r = w.run({"status", "--json", "--community-id", "alpha"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        status = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
        rows = status->getArray("aggregations")->getObject(0)->getArray("communities");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rows->size());
        CPPUNIT_ASSERT_EQUAL(std::string("c-uuid-1"), rows->getObject(0)->getValue<std::string>("community"));
        CPPUNIT_ASSERT_EQUAL(0, rows->getObject(0)->getValue<int>("documents"));
    }

    void clearBookmarksNeedsChoicesAndConfirmation() {
        Workspace w;
        w.importCommunities();
        auto seed = [&] {
            auto store = w.open();
            for (const char* name : {"fixture-agg", "second-agg"}) {
                for (const char* community : {"c-uuid-1", "c-uuid-2", "global"}) {
                    store->setBookmark(name, community, "2025-01-01");
                    store->setBookmark(std::string(name) + "#dirty", community, "2024-06-01");
                }
                store->setBookmark(std::string(name) + "#seq", "*", "9");
            }
            store->setBookmark("retired-agg", "global", "2020-01-01");  // not configured: never touched
        };
        auto has = [&](const std::string& name, const std::string& community) {
            return w.open()->bookmark(name, community).has_value();
        };
        seed();
        auto r = w.run({"clear-bookmarks", "--community-id", "alpha", "--aggregation", "fixture-agg"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "confirm with --confirm"));
        r = w.run({"clear-bookmarks", "--aggregation", "fixture-agg", "--confirm"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "--community-id (one or more) or --all-communities"));
        r = w.run({"clear-bookmarks", "--community-id", "alpha", "--all-communities", "--all-aggregations", "--confirm"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        r = w.run({"clear-bookmarks", "--community-id", "alpha", "--confirm"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "--aggregation (one or more) or --all-aggregations"));
        r = w.run({"clear-bookmarks", "--community-id", "alpha", "--aggregation", "nope", "--confirm"});
        CPPUNIT_ASSERT_EQUAL(2, r.exitCode);
        CPPUNIT_ASSERT(has("fixture-agg", "c-uuid-1"));

        // One community of one aggregation: its bookmark and dirty marker, and the aggregation's watermark.
        r = w.run({"clear-bookmarks", "--community-id", "alpha", "--aggregation", "fixture-agg", "--confirm"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "cleared 3 bookmarks of fixture-agg for c-uuid-1"));
        CPPUNIT_ASSERT(!has("fixture-agg", "c-uuid-1"));
        CPPUNIT_ASSERT(!has("fixture-agg#dirty", "c-uuid-1"));
        CPPUNIT_ASSERT(!has("fixture-agg#seq", "*"));
        CPPUNIT_ASSERT(has("fixture-agg", "c-uuid-2"));
        CPPUNIT_ASSERT(has("fixture-agg#dirty", "global"));
        CPPUNIT_ASSERT(has("second-agg", "c-uuid-1"));
        CPPUNIT_ASSERT(has("second-agg#seq", "*"));

        // Everything of every configured aggregation: fixture-agg's 2 bookmarks and 2 dirty markers left,
        // second-agg's 3 + 3 and its watermark.
        r = w.run({"clear-bookmarks", "--all-communities", "--all-aggregations", "--confirm"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "cleared 11 bookmarks of fixture-agg, second-agg for all communities; the next run recomputes them from "
                                                  "scratch\n"));
        for (const char* name : {"fixture-agg", "second-agg", "fixture-agg#dirty", "second-agg#dirty"})
            for (const char* community : {"c-uuid-1", "c-uuid-2", "global"}) CPPUNIT_ASSERT(!has(name, community));
        CPPUNIT_ASSERT(!has("second-agg#seq", "*"));
        CPPUNIT_ASSERT(has("retired-agg", "global"));
    }

    void serveRunsTheScheduleAndSkipsWhenLocked() {
        Workspace w("COMMUNITY_STATS_SCHEDULED_AGG_TASKS_ENABLED: true\nCOMMUNITY_STATS_AGGREGATION_INTERVAL: 1\n");
        {
            ServeProcess server(w.global, "");
            CPPUNIT_ASSERT_MESSAGE(server.log(), eventually([&] {
                return contains(server.log(), "second-agg: 1 communities, 1 documents");
            }));
            CPPUNIT_ASSERT_MESSAGE(server.log(), contains(server.log(), "scheduled aggregation every 1 s (2 aggregations)"));
            // Every second: a second run shows up too.
            CPPUNIT_ASSERT(eventually([&] {
                auto metrics = httpRequest(server.port(), "GET", "/metrics").second;
                return contains(metrics, "statshost_aggregation_runs_total{aggregation=\"fixture-agg\",result=\"ok\"} 2");
            }));
            const auto start = std::chrono::steady_clock::now();
            CPPUNIT_ASSERT_EQUAL(0, server.terminate());
            CPPUNIT_ASSERT(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
        }
        const std::string today = [&] {
            auto store = w.open();
            std::string last;
            store->scan("stats-fixture", {"global", "", ""}, [&](const statshost::Document& d) {
                last = d.day;
                return true;
            });
            return last;
        }();
        CPPUNIT_ASSERT_EQUAL(std::size_t(10), today.size());  // documents end at the server's today

        // Another process holds the lock: every tick skips with a log line and writes nothing.
        auto store = w.open();
        store->remove("stats-second", {});
        auto lock = store->tryLock("community_stats_aggregation", 600);
        CPPUNIT_ASSERT(lock != nullptr);
        ServeProcess blocked(w.global, "");
        CPPUNIT_ASSERT_MESSAGE(blocked.log(), eventually([&] {
            return contains(blocked.log(), "aggregation skipped: lock held by another process");
        }));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), store->count("stats-second", {}));
        CPPUNIT_ASSERT_EQUAL(0, blocked.terminate());
    }

    void serveWithoutScheduleRunsNothing() {
        // Scheduled aggregation on in stats.yaml, but this process may not run scheduled tasks.
        Workspace w("COMMUNITY_STATS_SCHEDULED_AGG_TASKS_ENABLED: true\nCOMMUNITY_STATS_AGGREGATION_INTERVAL: 1\n",
                    "schedule:\n  enabled: false\n");
        ServeProcess server(w.global, "");
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        CPPUNIT_ASSERT_MESSAGE(server.log(), !contains(server.log(), "scheduled aggregation"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), w.open()->count("stats-second", {}));
        CPPUNIT_ASSERT_EQUAL(0, server.terminate());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AggregateTest);
