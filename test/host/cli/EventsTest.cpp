// Usage events end to end: HTTP ingest, replay view/download lines, import events, events status.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "CliRunner.h"
#include "config/ConfigLoader.h"
#include "support/TestEnv.h"

using namespace statshost;
using namespace statshost::test;

namespace {

const std::string kIngest = "ingest-secret-0123456789";
const char* kBrowser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

struct Setup {
    TempDir dir;
    std::vector<std::string> global;
    Setup() {
        std::ofstream(dir.file("statshost.yaml"))
            << "plugins:\n  stats_components: " << STATSHOST_PLUGIN_DIR << "/libstats_components.so\n"
            << "paths:\n  data: " << STATSHOST_SOURCE_DIR << "/conf/data\n"
            << "tokens:\n  - {name: ingester, sha256: " << config::sha256Hex(kIngest) << ", scopes: [ingest]}\n";
        std::ofstream(dir.file("stats.yaml"))
            << "RDM_RECORDS_SERVICE_COMPONENTS:\n  - {plugin: stats_components, class: RecordCommunityEventComponent}\n";
        std::ofstream(dir.file("dashboard.yaml")) << "{}\n";
        global = {"--config", dir.file("statshost.yaml"), "--db", "sqlite:" + dir.file("db.sqlite")};
    }
    CliResult run(std::vector<std::string> args, const std::string& input = "") {
        auto all = global;
        all.insert(all.end(), args.begin(), args.end());
        return runStatshost(all, "", {}, input);
    }
};

std::string publishLine() {
    return "{\"op\":\"publish\",\"at\":\"2024-01-01T00:00:00Z\",\"record\":{\"id\":\"r1\",\"created\":\"2024-01-01T00:00:00Z\","
           "\"parent\":{\"id\":\"p1\"},\"metadata\":{\"title\":\"T\"},\"files\":{\"enabled\":true,\"entries\":{\"a.pdf\":"
           "{\"key\":\"a.pdf\",\"size\":1000}}}}}\n";
}

std::pair<int, std::string> post(int port, const std::string& path, const std::string& body, const std::string& token) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    Poco::Net::HTTPRequest req("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty()) req.set("Authorization", "Bearer " + token);
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(res), text);
    return {res.getStatus(), text};
}

std::string hit(const std::string& ts, const std::string& recid = "r1") {
    return "{\"timestamp\":\"" + ts + "\",\"recid\":\"" + recid + "\",\"ip\":\"192.0.2.1\",\"user_agent\":\"" + kBrowser + "\"}";
}

/// The "stored" column of `events status` for the views of `month` (-1 when there is no such row).
long storedViews(Setup& s, const std::string& month) {
    auto status = s.run({"events", "status"});
    std::istringstream rows(status.out);
    std::string line, m, type;
    long stored = -1;
    while (std::getline(rows, line))
        if (line.rfind(month + "  view", 0) == 0) std::istringstream(line) >> m >> type >> stored;
    return stored;
}

}  // namespace

class EventsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EventsTest);
    CPPUNIT_TEST(httpIngestReportsByIndexAndIsDurable);
    CPPUNIT_TEST(replayStreamsCarryUsage);
    CPPUNIT_TEST(importEventsTrustsExports);
    CPPUNIT_TEST(malformedInputIsReportedByIndexAndLine);
    CPPUNIT_TEST(concurrentPostsAllCommit);
    CPPUNIT_TEST_SUITE_END();

public:
    void httpIngestReportsByIndexAndIsDurable() {
        Setup s;
        CPPUNIT_ASSERT_EQUAL(0, s.run({"import", "ops", "-"}, publishLine()).exitCode);
        ServeProcess server(s.global, "");
        std::string batch = hit("2024-01-02T10:00:00Z") + "\n" + hit("2024-01-02T10:00:00Z", "ghost") + "\n" +
                            hit("2024-01-02T12:00:00Z") + "\n";
        CPPUNIT_ASSERT_EQUAL(401, post(server.port(), "/api/events/record-view", batch, "").first);
        auto atomic = post(server.port(), "/api/events/record-view?atomic=true", batch, kIngest);
        CPPUNIT_ASSERT_EQUAL(400, atomic.first);
        CPPUNIT_ASSERT_MESSAGE(atomic.second, contains(atomic.second, "events[1]"));
        auto r = post(server.port(), "/api/events/record-view", batch, kIngest);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.second, 207, r.first);
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "\"stored\":2"));
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "\"index\":1"));
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "unknown record 'ghost'"));
        auto d = post(server.port(), "/api/events/file-download",
                      "{\"timestamp\":\"2024-01-02T10:00:00Z\",\"recid\":\"r1\",\"file_key\":\"a.pdf\",\"user_id\":3}", kIngest);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(d.second, 200, d.first);
        CPPUNIT_ASSERT_EQUAL(0, server.terminate());
        // 2xx means committed: the status read by another process sees them.
        auto status = s.run({"events", "status"});
        CPPUNIT_ASSERT_EQUAL(0, status.exitCode);
        CPPUNIT_ASSERT_MESSAGE(status.out, contains(status.out, "2024-01  view"));
        CPPUNIT_ASSERT_MESSAGE(status.out, contains(status.out, "2024-01  download"));
    }

    void replayStreamsCarryUsage() {
        Setup s;
        auto demo = s.run({"demo", "generate", "--seed", "2"});
        std::ofstream(s.dir.file("demo.ndjson")) << demo.out;
        auto r = s.run({"import", "ops", s.dir.file("demo.ndjson")});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err.substr(0, 2000), 0, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "view:stored"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "download:stored"));
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "view:robot"));
    }

    void importEventsTrustsExports() {
        Setup s;
        CPPUNIT_ASSERT_EQUAL(0, s.run({"import", "ops", "-"}, publishLine()).exitCode);
        std::string exported =
            "{\"_source\":{\"timestamp\":\"2024-01-03T10:00:00\",\"recid\":\"r1\",\"visitor_id\":\"v1\",\"unique_id\":\"ui_r1\",\"country\":\"US\"}}\n"
            "{\"timestamp\":\"2024-01-03T10:00:05\",\"recid\":\"r1\",\"visitor_id\":\"v1\",\"unique_id\":\"ui_r1\"}\n"
            "{\"timestamp\":\"2024-01-03T11:00:00\",\"recid\":\"r1\",\"visitor_id\":\"v2\",\"file_key\":\"a.pdf\",\"size\":7}\n"
            "{\"timestamp\":\"2024-01-03T12:00:00\",\"recid\":\"r1\",\"visitor_id\":\"v3\",\"is_robot\":true}\n"
            "{\"timestamp\":\"bad\",\"recid\":\"r1\",\"visitor_id\":\"v4\"}\n";
        auto r = s.run({"import", "events", "-"}, exported);
        CPPUNIT_ASSERT_EQUAL(1, r.exitCode);
        CPPUNIT_ASSERT_MESSAGE(r.out, contains(r.out, "stored: 2, double clicks: 1, robots dropped: 1"));
        CPPUNIT_ASSERT_MESSAGE(r.err, contains(r.err, "line 5: timestamp"));
        // Importing the same file again changes nothing.
        s.run({"import", "events", "-"}, exported);
        CPPUNIT_ASSERT_EQUAL(1L, storedViews(s, "2024-01"));
    }

    /// The streaming reader's errors reach the caller with the event index (HTTP) or line (import); atomic
    /// batches store nothing; a JSON array body is a batch too.
    void malformedInputIsReportedByIndexAndLine() {
        Setup s;
        CPPUNIT_ASSERT_EQUAL(0, s.run({"import", "ops", "-"}, publishLine()).exitCode);
        ServeProcess server(s.global, "");
        const std::string batch = hit("2024-01-02T10:00:00Z") + "\n{\"timestamp\":\"2024-01-02T10:00:00Z\",\"recid\":\"r1\n" +
                                  "[1]\n" + hit("2024-01-02T12:00:00Z") + "\n";
        auto atomic = post(server.port(), "/api/events/record-view?atomic=true", batch, kIngest);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(atomic.second, 400, atomic.first);
        CPPUNIT_ASSERT_MESSAGE(atomic.second, contains(atomic.second, "events[1]: malformed JSON: unterminated string at byte 44"));
        auto r = post(server.port(), "/api/events/record-view", batch, kIngest);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.second, 207, r.first);
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "\"received\":4"));
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "\"stored\":2"));
        CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "{\"index\":2,\"message\":\"expected a JSON object\"}"));
        auto array = post(server.port(), "/api/events/record-view",
                          "[" + hit("2024-01-03T10:00:00Z") + ", {\"timestamp\": 5, \"recid\": \"r1\"}]", kIngest);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(array.second, 207, array.first);
        CPPUNIT_ASSERT_MESSAGE(array.second, contains(array.second, "{\"index\":1,\"message\":\"timestamp: not an ISO-8601 time: '5'\"}"));
        CPPUNIT_ASSERT_EQUAL(0, server.terminate());
        CPPUNIT_ASSERT_EQUAL(3L, storedViews(s, "2024-01"));  // nothing of the atomic batch

        const std::string exported = "{\"timestamp\":\"2024-01-04T10:00:00\",\"recid\":\"r1\",\"visitor_id\":\"v1\"}\n\n"
                                     "{\"timestamp\":\"2024-01-04T10:00:00\",\"recid\":\"r1\" \"visitor_id\":\"v2\"}\n"
                                     "{\"_source\":[1]}\n";
        auto imported = s.run({"import", "events", "-"}, exported);
        CPPUNIT_ASSERT_EQUAL(1, imported.exitCode);
        CPPUNIT_ASSERT_MESSAGE(imported.out, contains(imported.out, "stored: 1,"));
        CPPUNIT_ASSERT_MESSAGE(imported.err, contains(imported.err, "line 3: malformed JSON: expected ',' or '}' in an object at byte 48"));
        CPPUNIT_ASSERT_MESSAGE(imported.err, contains(imported.err, "line 4: expected a JSON object"));
    }

    /// Concurrent requests take turns on the server's ingest writer: every 2xx batch is committed, once.
    void concurrentPostsAllCommit() {
        Setup s;
        CPPUNIT_ASSERT_EQUAL(0, s.run({"import", "ops", "-"}, publishLine()).exitCode);
        ServeProcess server(s.global, "");
        std::vector<int> codes(4 * 5, 0);
        std::vector<std::thread> clients;
        for (int c = 0; c < 4; ++c)
            clients.emplace_back([&, c] {
                for (int b = 0; b < 5; ++b) {
                    std::string batch;  // 10 views a minute apart: no double clicks, distinct per client and batch
                    for (int i = 0; i < 10; ++i) {
                        const int minute = (c * 5 + b) * 10 + i;
                        char ts[32];
                        std::snprintf(ts, sizeof ts, "2024-01-05T%02d:%02d:00Z", minute / 60, minute % 60);
                        batch += hit(ts) + "\n";
                    }
                    codes[c * 5 + b] = post(server.port(), "/api/events/record-view", batch, kIngest).first;
                }
            });
        for (auto& t : clients) t.join();
        for (int code : codes) CPPUNIT_ASSERT_EQUAL(200, code);
        CPPUNIT_ASSERT_EQUAL(0, server.terminate());
        CPPUNIT_ASSERT_EQUAL(200L, storedViews(s, "2024-01"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventsTest);
