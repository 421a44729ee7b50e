// The real stats_aggregators plugin through the executable: import a small history, aggregate, read
// dense documents, then a late view and a run that picks it up (numbers computed by hand); both backends.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "CliRunner.h"
#include "support/TestBackends.h"
#include "support/TestEnv.h"

using namespace statshost::test;

namespace {

const char* const kAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

std::string record(const std::string& id, const std::string& parent, const std::string& created,
                   const std::string& communities) {
    return R"({"id":")" + id + R"(","created":")" + created + R"(","parent":{"id":")" + parent +
           R"(","access":{"owned_by":{"user":"7"}},"communities":{"ids":[)" + communities +
           R"(]}},"metadata":{"title":"T","publication_date":"2020-05","resource_type":{"id":"dataset","title":{"en":"Dataset"}}},)"
           R"("access":{"status":"open"},"files":{"enabled":true,"entries":{"a.csv":{"key":"a.csv","size":100}}}})";
}

std::string view(const std::string& at, const std::string& recid, const std::string& user) {
    return R"({"op":"view","at":")" + at + R"(","recid":")" + recid + R"(","user_id":")" + user +
           R"(","user_agent":")" + kAgent + R"(","country":"DE"})" + "\n";
}

struct Workspace {
    TempDir dir;
    std::vector<std::string> global;
    explicit Workspace(const std::string& dbUrl) {
        std::ofstream(dir.file("statshost.yaml"))
            << "plugins:\n  stats_components: " << STATSHOST_PLUGIN_DIR << "/libstats_components.so\n"
            << "  stats_aggregators: " << STATSHOST_PLUGIN_DIR << "/libstats_aggregators.so\n"
            << "paths:\n  data: " << STATSHOST_SOURCE_DIR << "/conf/data\n";
        std::ofstream(dir.file("stats.yaml"))
            << "STATS_AGGREGATIONS:\n"
               "  community-records-delta-added-agg: {plugin: stats_aggregators, class: "
               "CommunityRecordsDeltaAddedAggregator, templates: stats-community-records-delta-added}\n"
               "  community-records-snapshot-added-agg: {plugin: stats_aggregators, class: "
               "CommunityRecordsSnapshotAddedAggregator, templates: stats-community-records-snapshot-added}\n"
               "  community-usage-delta-agg: {plugin: stats_aggregators, class: CommunityUsageDeltaAggregator, "
               "templates: stats-community-usage-delta}\n"
            << "RDM_RECORDS_SERVICE_COMPONENTS:\n  - {plugin: stats_components, class: RecordCommunityEventComponent}\n"
            << "RDM_RECORD_COMMUNITIES_SERVICE_COMPONENTS:\n"
               "  - {plugin: stats_components, class: RecordCommunityEventTrackingComponent}\n";
        std::ofstream(dir.file("dashboard.yaml")) << "{}\n";
        global = {"--config", dir.file("statshost.yaml"), "--db", dbUrl};
    }
    CliResult run(std::vector<std::string> args, const std::string& input = "") {
        auto all = global;
        all.insert(all.end(), args.begin(), args.end());
        return runStatshost(all, "", {}, input);
    }
    Poco::JSON::Array::Ptr read(const std::string& query, const std::string& community) {
        auto r = run({"read", "--query", query, "--community", community});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Array::Ptr>();
    }
};

/// "<day>:<a>/<b>" per document of a records delta (records_added / records_removed).
std::string deltas(const Poco::JSON::Array::Ptr& docs) {
    std::string out;
    for (std::size_t i = 0; i < docs->size(); ++i) {
        auto d = docs->getObject(i);
        out += (out.empty() ? "" : " ") + d->getValue<std::string>("period_start").substr(5, 5) + ":" +
               std::to_string(d->getValue<int>("records_added")) + "/" + std::to_string(d->getValue<int>("records_removed"));
    }
    return out;
}

/// "<day>:<with_files>" per snapshot document.
std::string totals(const Poco::JSON::Array::Ptr& docs) {
    std::string out;
    for (std::size_t i = 0; i < docs->size(); ++i) {
        auto d = docs->getObject(i);
        out += (out.empty() ? "" : " ") + d->getValue<std::string>("snapshot_date").substr(5, 5) + ":" +
               std::to_string(d->getObject("total_records")->getValue<int>("with_files"));
    }
    return out;
}

/// "<day>:<views>" per usage delta document.
std::string views(const Poco::JSON::Array::Ptr& docs) {
    std::string out;
    for (std::size_t i = 0; i < docs->size(); ++i) {
        auto d = docs->getObject(i);
        out += (out.empty() ? "" : " ") + d->getValue<std::string>("period_start").substr(5, 5) + ":" +
               std::to_string(d->getObject("totals")->getObject("view")->getValue<int>("total_events"));
    }
    return out;
}

}  // namespace

class AggregateEndToEndTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AggregateEndToEndTest);
    CPPUNIT_TEST(historyToDocumentsAndLateDataPickedUp);
    CPPUNIT_TEST_SUITE_END();

public:
    void historyToDocumentsAndLateDataPickedUp() {
        SqliteBackend sqlite;
        run(sqlite.url());
        PostgresBackend postgres;
        if (postgres.available()) run(postgres.url());
    }

private:
    void run(const std::string& dbUrl) {
        Workspace w(dbUrl);
        const std::string stream =
            R"({"op":"community","at":"2024-01-01T00:00:00Z","community":{"id":"c-uuid-1","slug":"alpha","metadata":{"title":"Alpha"}}})"
            "\n"
            R"({"op":"publish","at":"2024-01-10T10:00:00Z","record":)" +
            record("r1", "p1", "2024-01-10T10:00:00Z", R"("c-uuid-1")") + "}\n" +
            R"({"op":"publish","at":"2024-01-11T09:00:00Z","record":)" + record("r2", "p2", "2024-01-11T09:00:00Z", "") +
            "}\n" + view("2024-01-11T12:00:00Z", "r1", "u1") +
            R"({"op":"remove","at":"2024-01-12T08:00:00Z","record_id":"r1","community_ids":["c-uuid-1"]})" + "\n";
        auto r = w.run({"import", "ops", "-"}, stream);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err + r.out, 0, r.exitCode);

        r = w.run({"aggregate", "--as-of", "2024-01-13"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err + r.out, 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "community-records-delta-added-agg: "));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "community-usage-delta-agg: "));

        // Added basis: r1 in alpha on 01-10, removed on 01-12; global gets r1 and r2, no removal.
        CPPUNIT_ASSERT_EQUAL(std::string("01-10:1/0 01-11:0/0 01-12:0/1 01-13:0/0"),
                             deltas(w.read("stats-community-records-delta-added", "alpha")));
        CPPUNIT_ASSERT_EQUAL(std::string("01-10:1/0 01-11:1/0 01-12:0/0 01-13:0/0"),
                             deltas(w.read("stats-community-records-delta-added", "global")));
        CPPUNIT_ASSERT_EQUAL(std::string("01-10:1 01-11:1 01-12:0 01-13:0"),
                             totals(w.read("community-records-snapshot-added-agg", "c-uuid-1")));
        // Usage: the view at 01-11 12:00 counts in alpha (r1 was a member then) and in global.
        CPPUNIT_ASSERT_EQUAL(std::string("01-11:1 01-12:0 01-13:0"), views(w.read("stats-community-usage-delta", "alpha")));

        // A late view on 01-10 (after the run): the next run recomputes from that day.
        r = w.run({"import", "ops", "-"}, view("2024-01-10T15:00:00Z", "r1", "u2"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err + r.out, 0, r.exitCode);
        r = w.run({"aggregate", "--as-of", "2024-01-13"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err + r.out, 0, r.exitCode);
        CPPUNIT_ASSERT_EQUAL(std::string("01-10:1 01-11:1 01-12:0 01-13:0"),
                             views(w.read("stats-community-usage-delta", "alpha")));
        CPPUNIT_ASSERT_EQUAL(std::string("01-10:1 01-11:1 01-12:0 01-13:0"),
                             views(w.read("stats-community-usage-delta", "global")));

        // status: each aggregation's bookmark per community is the as-of day.
        r = w.run({"status", "--json", "--community-id", "alpha"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        auto aggs = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>()->getArray("aggregations");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), aggs->size());
        for (std::size_t i = 0; i < aggs->size(); ++i) {
            auto row = aggs->getObject(i)->getArray("communities")->getObject(0);
            CPPUNIT_ASSERT_EQUAL(std::string("c-uuid-1"), row->getValue<std::string>("community"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-13"), row->getValue<std::string>("bookmark").substr(0, 10));
            CPPUNIT_ASSERT(row->isNull("dirty_from"));
            CPPUNIT_ASSERT(!aggs->getObject(i)->isNull("watermark"));
        }

        // clear-bookmarks, then a run from scratch gives the same documents.
        r = w.run({"clear-bookmarks", "--all-communities", "--all-aggregations", "--confirm"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        r = w.run({"aggregate", "--as-of", "2024-01-13"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err + r.out, 0, r.exitCode);
        CPPUNIT_ASSERT_EQUAL(std::string("01-10:1/0 01-11:0/0 01-12:0/1 01-13:0/0"),
                             deltas(w.read("stats-community-records-delta-added", "alpha")));
        CPPUNIT_ASSERT_EQUAL(std::string("01-10:1 01-11:1 01-12:0 01-13:0"),
                             views(w.read("stats-community-usage-delta", "alpha")));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AggregateEndToEndTest);
