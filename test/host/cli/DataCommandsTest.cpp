// demo generate, import ops and community-events through the real executable.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>

#include <chrono>
#include <thread>

#include "CliRunner.h"
#include "plugins/HostServices.h"
#include "repository/RepositoryTx.h"
#include "storage/Storage.h"
#include "support/TestEnv.h"

using namespace statshost::test;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Workspace {
    TempDir dir;
    std::vector<std::string> global;
    Workspace() {
        std::ofstream(dir.file("statshost.yaml"))
            << "plugins:\n  stats_components: " << STATSHOST_PLUGIN_DIR << "/libstats_components.so\n"
            << "paths:\n  data: " << STATSHOST_SOURCE_DIR << "/conf/data\n";
        std::ofstream(dir.file("stats.yaml"))
            << "RDM_RECORDS_SERVICE_COMPONENTS:\n  - {plugin: stats_components, class: RecordCommunityEventComponent}\n"
            << "RDM_RECORD_COMMUNITIES_SERVICE_COMPONENTS:\n"
               "  - {plugin: stats_components, class: RecordCommunityEventTrackingComponent}\n"
            << "REQUESTS_EVENTS_SERVICE_COMPONENTS:\n  - {plugin: stats_components, class: CommunityAcceptedEventComponent}\n";
        std::ofstream(dir.file("dashboard.yaml")) << "{}\n";
        global = {"--config", dir.file("statshost.yaml"), "--db", "sqlite:" + dir.file("db.sqlite")};
    }
    CliResult run(std::vector<std::string> args, const std::string& input = "") {
        auto all = global;
        all.insert(all.end(), args.begin(), args.end());
        return runStatshost(all, "", {}, input);
    }
};

/// The whole events log of a database, one line per event (everything but the write timestamps).
std::vector<std::string> eventsLog(const std::string& url) {
    auto store = statshost::storage::Storage::open(url);
    statshost::plugins::SystemClock clock;
    std::vector<std::string> out;
    store->database().transaction([&](statshost::storage::Connection& c) {
        statshost::repository::RepositoryTx tx(c, clock);
        tx.forEachEvent("", [&](const statshost::CommunityEvent& e) {
            out.push_back(e.recordId + " " + e.communityId + " " + e.eventType + " " + std::to_string(e.eventDateMicros) +
                          " " + e.recordCreatedDate + " " + e.recordPublishedDate + " " + std::to_string(e.isDeleted) +
                          " " + std::to_string(e.deletedDateMicros));
        });
    });
    return out;
}

/// The demo stream without its usage lines (the usage pipeline handles those).
std::string withoutUsage(const std::string& stream) {
    std::istringstream in(stream);
    std::string line, out;
    while (std::getline(in, line))
        if (!contains(line, "\"op\":\"view\"") && !contains(line, "\"op\":\"download\"")) out += line + "\n";
    return out;
}

}  // namespace

class DataCommandsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DataCommandsTest);
    CPPUNIT_TEST(demoIsDeterministic);
    CPPUNIT_TEST(demoImportsCleanlyAndBackfillFindsNothingMissing);
    CPPUNIT_TEST(importErrorsNameLinesAndExitOne);
    CPPUNIT_TEST(checkpointResumes);
    CPPUNIT_TEST(killedImportResumesToTheSameLog);
    CPPUNIT_TEST_SUITE_END();

public:
    void demoIsDeterministic() {
        Workspace w;
        CPPUNIT_ASSERT_EQUAL(0, w.run({"demo", "generate", "--seed", "7", "--out", w.dir.file("a.ndjson")}).exitCode);
        auto r = w.run({"demo", "generate", "--seed", "7"});
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        CPPUNIT_ASSERT(r.out == slurp(w.dir.file("a.ndjson")));
        CPPUNIT_ASSERT(contains(r.err, "200 publishes"));
        CPPUNIT_ASSERT(w.run({"demo", "generate", "--seed", "8"}).out != r.out);
        CPPUNIT_ASSERT_EQUAL(2, w.run({"demo", "generate", "--scale", "huge"}).exitCode);
        CPPUNIT_ASSERT_EQUAL(2, w.run({"demo", "generate", "--seed", "x"}).exitCode);
    }

    void demoImportsCleanlyAndBackfillFindsNothingMissing() {
        Workspace w;
        auto demo = w.run({"demo", "generate", "--seed", "3"});
        std::ofstream(w.dir.file("demo.ndjson")) << withoutUsage(demo.out);
        auto r = w.run({"import", "ops", w.dir.file("demo.ndjson")});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "errors: 0"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "publish:created: 200"));
        // The components wrote every event a backfill would: nothing is missing.
        r = w.run({"community-events", "status"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "records processed: 200"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "events needed: 0"));
        r = w.run({"community-events", "generate", "--start-date", "2024-01-01", "--end-date", "2024-12-31"});
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "events created: 0"));
        CPPUNIT_ASSERT_EQUAL(2, w.run({"community-events", "generate", "--start-date", "2024-13-01"}).exitCode);
    }

    void importErrorsNameLinesAndExitOne() {
        Workspace w;
        std::string stream =
            "{\"op\":\"community\",\"at\":\"2024-01-02T00:00:00Z\",\"community\":{\"id\":\"c1\",\"slug\":\"one\"}}\n"
            "{\"op\":\"community\",\"at\":\"2024-01-01T00:00:00Z\",\"community\":{\"id\":\"c2\",\"slug\":\"two\"}}\n";
        auto r = w.run({"import", "ops", "-"}, stream);
        CPPUNIT_ASSERT_EQUAL(1, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "line 2: at: earlier than line 1"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "applied: 1"));
        CPPUNIT_ASSERT_EQUAL(2, w.run({"import", "ops", w.dir.file("missing.ndjson")}).exitCode);
        CPPUNIT_ASSERT_EQUAL(2, w.run({"import", "ops"}).exitCode);
    }

    void checkpointResumes() {
        Workspace w;
        auto demo = withoutUsage(w.run({"demo", "generate", "--seed", "5"}).out);
        std::ofstream(w.dir.file("demo.ndjson")) << demo;
        auto r = w.run({"import", "ops", w.dir.file("demo.ndjson"), "--checkpoint", "demo", "--batch", "50"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        r = w.run({"import", "ops", w.dir.file("demo.ndjson"), "--checkpoint", "demo"});
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "applied: 0"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "skipped (already imported)"));
    }

    void killedImportResumesToTheSameLog() {
        Workspace w;
        auto demo = withoutUsage(w.run({"demo", "generate", "--seed", "9", "--scale", "medium"}).out);
        std::ofstream(w.dir.file("demo.ndjson")) << demo;
        // Reference: one uninterrupted import into another database.
        auto reference = w.global;
        reference[3] = "sqlite:" + w.dir.file("reference.sqlite");
        reference.insert(reference.end(), {"import", "ops", w.dir.file("demo.ndjson")});
        CPPUNIT_ASSERT_EQUAL(0, runStatshost(reference, "").exitCode);
        // The same import, killed with SIGKILL part-way (several times), then resumed to the end.
        auto args = w.global;
        args.insert(args.end(), {"import", "ops", w.dir.file("demo.ndjson"), "--checkpoint", "crash", "--batch", "37"});
        int kills = 0;
        for (int attempt = 0; attempt < 3; ++attempt) {
            int pid = startStatshost(args);
            std::this_thread::sleep_for(std::chrono::milliseconds(400 + 300 * attempt));
            if (waitStatshost(pid, 0) == -1) {
                killHard(pid);
                ++kills;
            }
        }
        auto r = w.run({"import", "ops", w.dir.file("demo.ndjson"), "--checkpoint", "crash", "--batch", "37"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE("the import was never interrupted; the test proves nothing", kills > 0);
        auto expected = eventsLog("sqlite:" + w.dir.file("reference.sqlite"));
        auto actual = eventsLog("sqlite:" + w.dir.file("db.sqlite"));
        CPPUNIT_ASSERT(expected.size() > 1000);
        CPPUNIT_ASSERT_EQUAL(expected.size(), actual.size());
        CPPUNIT_ASSERT(expected == actual);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DataCommandsTest);
