// The write API end to end: the real server with the stats_components plugin, tokens, and the
// events log read back from the database it wrote.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "CliRunner.h"
#include "config/ConfigLoader.h"
#include "plugins/HostServices.h"
#include "repository/RepositoryTx.h"
#include "storage/Storage.h"
#include "support/TestBackends.h"
#include "support/TestEnv.h"

using namespace statshost;
using namespace statshost::test;

namespace {

const std::string kIngest = "ingest-secret-0123456789";
const std::string kAdmin = "admin-secret-0123456789";
const std::string kReader = "reader-secret-0123456789";

struct Server {
    TempDir dir;
    std::string db;
    std::unique_ptr<ServeProcess> process;

    /// A server on `url`, or on a fresh SQLite file when `url` is empty.
    explicit Server(const std::string& url = "") : db(url.empty() ? "sqlite:" + dir.file("db.sqlite") : url) {
        std::ofstream(dir.file("statshost.yaml"))
            << "plugins:\n  stats_components: " << STATSHOST_PLUGIN_DIR << "/libstats_components.so\n"
            << "paths:\n  data: " << STATSHOST_SOURCE_DIR << "/conf/data\n"
            << "tokens:\n"
            << "  - {name: ingester, sha256: " << config::sha256Hex(kIngest) << ", scopes: [ingest]}\n"
            << "  - {name: operator, sha256: " << config::sha256Hex(kAdmin) << ", scopes: [admin]}\n"
            << "  - {name: reader, sha256: " << config::sha256Hex(kReader) << ", scopes: [read-restricted]}\n";
        std::ofstream(dir.file("stats.yaml"))
            << "RDM_RECORDS_SERVICE_COMPONENTS:\n  - {plugin: stats_components, class: RecordCommunityEventComponent}\n"
            << "RDM_RECORD_COMMUNITIES_SERVICE_COMPONENTS:\n"
               "  - {plugin: stats_components, class: RecordCommunityEventTrackingComponent}\n"
            << "REQUESTS_EVENTS_SERVICE_COMPONENTS:\n  - {plugin: stats_components, class: CommunityAcceptedEventComponent}\n";
        std::ofstream(dir.file("dashboard.yaml")) << "{}\n";
        process = std::make_unique<ServeProcess>(std::vector<std::string>{"--config", dir.file("statshost.yaml"), "--db", db}, "");
    }

    std::pair<int, std::string> send(const std::string& method, const std::string& path, const std::string& body,
                                     const std::string& token = kIngest) {
        return httpRequest(process->port(), method, path, body, token);
    }

    /// The events log as "record community type" lines.
    std::vector<std::string> log() {
        auto store = storage::Storage::open(db);
        std::vector<std::string> out;
        plugins::SystemClock clock;
        store->database().transaction([&](storage::Connection& c) {
            repository::RepositoryTx tx(c, clock);
            tx.forEachEvent("", [&](const CommunityEvent& e) {
                out.push_back(e.recordId + " " + e.communityId + " " + e.eventType + (e.isDeleted ? " deleted" : ""));
            });
        });
        return out;
    }
};

std::string record(const std::string& id, const std::string& parent, const std::string& communities,
                   const std::string& title = "T") {
    return "{\"id\":\"" + id + "\",\"created\":\"2024-01-02T00:00:00Z\",\"parent\":{\"id\":\"" + parent +
           "\",\"communities\":{\"ids\":[" + communities + "]}},\"metadata\":{\"title\":\"" + title +
           "\"},\"files\":{\"enabled\":false}}";
}


}  // namespace

class WriteApiTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(WriteApiTest);
    CPPUNIT_TEST(tokensAndScopesAreEnforced);
    CPPUNIT_TEST(writesGoThroughComponents);
    CPPUNIT_TEST(badInputIsNamedAndWritesNothing);
    CPPUNIT_TEST(adminReplayAppliesAStream);
    CPPUNIT_TEST_SUITE_END();

public:
    void tokensAndScopesAreEnforced() {
        Server s;
        const std::string body = R"({"id": "c1", "slug": "one"})";
        CPPUNIT_ASSERT_EQUAL(401, s.send("POST", "/api/communities", body, "").first);
        CPPUNIT_ASSERT_EQUAL(401, s.send("POST", "/api/communities", body, "wrong-secret-0123456789").first);
        CPPUNIT_ASSERT_EQUAL(403, s.send("POST", "/api/communities", body, kReader).first);
        CPPUNIT_ASSERT_EQUAL(201, s.send("POST", "/api/communities", body, kIngest).first);
        CPPUNIT_ASSERT_EQUAL(200, s.send("POST", "/api/communities", body, kAdmin).first);  // admin implies ingest
        CPPUNIT_ASSERT_EQUAL(403, s.send("POST", "/api/admin/replay", "", kIngest).first);
    }

    void writesGoThroughComponents() {
        Server sqlite;
        writesGoThroughComponentsOn(sqlite);
        PostgresBackend pg;
        if (pg.available()) {
            Server postgres(pg.url());
            writesGoThroughComponentsOn(postgres);
        }
    }

    void writesGoThroughComponentsOn(Server& s) {
        CPPUNIT_ASSERT_EQUAL(201, s.send("POST", "/api/communities", R"({"id": "c1", "slug": "one"})").first);
        CPPUNIT_ASSERT_EQUAL(201, s.send("POST", "/api/communities", R"({"id": "c2", "slug": "two"})").first);
        auto put = s.send("PUT", "/api/communities/c2", R"({"slug": "two", "metadata": {"title": "Two"}})");
        CPPUNIT_ASSERT_EQUAL(200, put.first);
        CPPUNIT_ASSERT(contains(put.second, "\"status\":\"updated\""));
        auto pub = s.send("POST", "/api/records", record("r1", "p1", "\"c1\""));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(pub.second, 201, pub.first);
        CPPUNIT_ASSERT_EQUAL(200, s.send("POST", "/api/records", record("r1", "p1", "\"c1\"")).first);
        CPPUNIT_ASSERT_EQUAL(200, s.send("POST", "/api/records/r1/communities", R"({"communities": [{"id": "c2"}]})").first);
        CPPUNIT_ASSERT_EQUAL(200, s.send("DELETE", "/api/records/r1/communities", R"({"community_ids": ["c1"]})").first);
        CPPUNIT_ASSERT_EQUAL(201, s.send("POST", "/api/records", record("s1", "q1", "")).first);
        CPPUNIT_ASSERT_EQUAL(200, s.send("POST", "/api/communities/c1/records", R"({"records": [{"id": "s1"}]})").first);
        CPPUNIT_ASSERT_EQUAL(201, s.send("POST", "/api/records", record("t1", "u1", "")).first);
        CPPUNIT_ASSERT_EQUAL(200, s.send("POST", "/api/requests/req-1/actions/accept",
                                         R"({"type": "community-submission", "receiver": {"community": "c2"}, "topic": {"record": "t1"}})").first);
        CPPUNIT_ASSERT_EQUAL(200, s.send("DELETE", "/api/records/t1", "").first);
        auto log = s.log();
        std::vector<std::string> expected = {"r1 global added", "r1 c1 added", "r1 c2 added", "r1 c1 removed",
                                             "s1 global added", "s1 c1 added", "t1 global added deleted",
                                             "t1 c2 added deleted"};
        CPPUNIT_ASSERT_EQUAL(expected.size(), log.size());
        for (std::size_t i = 0; i < expected.size(); ++i) CPPUNIT_ASSERT_EQUAL(expected[i], log[i]);
        CPPUNIT_ASSERT_EQUAL(200, s.send("POST", "/api/records/t1/restore", "").first);
        CPPUNIT_ASSERT_EQUAL(std::string("t1 c2 added"), s.log()[7]);
    }

    void badInputIsNamedAndWritesNothing() {
        Server s;
        s.send("POST", "/api/communities", R"({"id": "c1", "slug": "one"})");
        auto r = s.send("POST", "/api/records", "{not json");
        CPPUNIT_ASSERT_EQUAL(400, r.first);
        CPPUNIT_ASSERT(contains(r.second, "not valid JSON"));
        r = s.send("POST", "/api/records", "[1, 2]");
        CPPUNIT_ASSERT_EQUAL(400, r.first);
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "request body: expected a JSON object"));
        r = s.send("POST", "/api/records", R"({"id": "r1", "created": "2024-01-01"})");
        CPPUNIT_ASSERT_EQUAL(400, r.first);
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "parent"));
        r = s.send("POST", "/api/records", record("r1", "p1", "\"c-missing\""));
        CPPUNIT_ASSERT_EQUAL(404, r.first);
        CPPUNIT_ASSERT(contains(r.second, "unknown community 'c-missing'"));
        r = s.send("POST", "/api/records/ghost/communities", R"({"community_ids": ["c1"]})");
        CPPUNIT_ASSERT_EQUAL(404, r.first);
        r = s.send("POST", "/api/records/ghost/communities", R"({"community_ids": "c1"})");
        CPPUNIT_ASSERT_EQUAL(400, r.first);
        CPPUNIT_ASSERT(contains(r.second, "communities: missing"));
        r = s.send("POST", "/api/communities", R"({"id": "c2", "slug": "one"})");
        CPPUNIT_ASSERT_EQUAL(409, r.first);
        r = s.send("PUT", "/api/communities/c1", R"({"id": "other", "slug": "one"})");
        CPPUNIT_ASSERT_EQUAL(400, r.first);
        CPPUNIT_ASSERT(s.log().empty());
        s.send("POST", "/api/records", record("r1", "p1", "\"c1\""));
        r = s.send("POST", "/api/records", record("r1", "p1", "\"c1\"", "Changed title"));
        CPPUNIT_ASSERT_EQUAL(409, r.first);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.log().size());
    }

    void adminReplayAppliesAStream() {
        Server s;
        std::string stream =
            "{\"op\":\"community\",\"at\":\"2024-01-01T00:00:00Z\",\"community\":{\"id\":\"c1\",\"slug\":\"one\"}}\n"
            "{\"op\":\"publish\",\"at\":\"2024-01-02T00:00:00Z\",\"record\":" + record("r1", "p1", "\"c1\"") + "}\n"
            "{\"op\":\"delete\",\"at\":\"2024-01-03T00:00:00Z\",\"record_id\":\"nope\"}\n";
        auto r = s.send("POST", "/api/admin/replay", stream, kAdmin);
        CPPUNIT_ASSERT_EQUAL(400, r.first);
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "\"applied\":2"));
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "\"line\":3"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.log().size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WriteApiTest);
