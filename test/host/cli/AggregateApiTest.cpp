// POST /api/admin/aggregate through the real server, with the fixture plugin's aggregators (each writes
// `days` documents per requested community ending at the as-of day; "global" alone by default), on
// SQLite and PostgreSQL: the admin scope, bad input naming the parameter, the run report, and 409 while
// another holder has the aggregation lock.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "CliRunner.h"
#include "config/ConfigLoader.h"
#include "storage/Storage.h"
#include "support/TestBackends.h"
#include "support/TestEnv.h"

using namespace statshost;
using namespace statshost::test;

namespace {

const std::string kAdmin = "admin-secret-0123456789";
const std::string kIngest = "ingest-secret-0123456789";
const std::string kReader = "reader-secret-0123456789";

/// A server with two fixture aggregations and communities alpha (c-uuid-1) and beta (c-uuid-2).
struct Server {
    TempDir dir;
    std::string db;
    std::vector<std::string> global;
    std::unique_ptr<ServeProcess> process;

    explicit Server(const std::string& url) : db(url.empty() ? "sqlite:" + dir.file("db.sqlite") : url) {
        std::ofstream(dir.file("statshost.yaml"))
            << "plugins:\n  fixture: " << STATSHOST_TEST_PLUGIN_DIR << "/libfixture_good.so\n"
            << "  stats_components: " << STATSHOST_PLUGIN_DIR << "/libstats_components.so\n"
            << "paths:\n  data: " << STATSHOST_SOURCE_DIR << "/conf/data\n"
            << "tokens:\n"
            << "  - {name: ingester, sha256: " << config::sha256Hex(kIngest) << ", scopes: [ingest]}\n"
            << "  - {name: operator, sha256: " << config::sha256Hex(kAdmin) << ", scopes: [admin]}\n"
            << "  - {name: reader, sha256: " << config::sha256Hex(kReader) << ", scopes: [read-restricted]}\n";
        std::ofstream(dir.file("stats.yaml"))
            << "STATS_AGGREGATIONS:\n"
               "  fixture-agg: {plugin: fixture, class: FixtureAggregator, templates: stats-fixture, params: {days: 3}}\n"
               "  second-agg: {plugin: fixture, class: FixtureAggregator, templates: stats-second, params: {days: 1}}\n"
            << "RDM_RECORDS_SERVICE_COMPONENTS:\n  - {plugin: stats_components, class: RecordCommunityEventComponent}\n";
        std::ofstream(dir.file("dashboard.yaml")) << "{}\n";
        global = {"--config", dir.file("statshost.yaml"), "--db", db};
        std::vector<std::string> args = global;
        args.insert(args.end(), {"import", "ops", "-"});
        const CliResult r = runStatshost(
            args, "", {},
            R"({"op":"community","at":"2024-01-01T00:00:00Z","community":{"id":"c-uuid-1","slug":"alpha"}})"
            "\n"
            R"({"op":"community","at":"2024-01-01T00:00:00Z","community":{"id":"c-uuid-2","slug":"beta"}})"
            "\n");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.exitCode);
        process = std::make_unique<ServeProcess>(global, "");
    }

    std::pair<int, std::string> post(const std::string& path, const std::string& body, const std::string& token = kAdmin) {
        return httpRequest(process->port(), "POST", path, body, token);
    }

    std::unique_ptr<storage::Storage> open() {
        auto store = storage::Storage::open(db);
        store->initialize();
        return store;
    }
};

Poco::JSON::Object::Ptr parse(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

/// Runs `body` on a server over SQLite, then over PostgreSQL when configured.
void onBoth(const std::function<void(Server&)>& body) {
    {
        Server sqlite("");
        body(sqlite);
    }
    PostgresBackend pg;
    if (pg.available()) {
        Server postgres(pg.url());
        body(postgres);
    }
}

}  // namespace

class AggregateApiTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AggregateApiTest);
    CPPUNIT_TEST(onlyTheAdminScopeMayRunAggregations);
    CPPUNIT_TEST(badInputIsRefusedNamingTheParameter);
    CPPUNIT_TEST(aRunAnswersItsReport);
    CPPUNIT_TEST(aHeldLockAnswersConflict);
    CPPUNIT_TEST_SUITE_END();

public:
    void onlyTheAdminScopeMayRunAggregations() {
        onBoth([](Server& s) {
            const std::string body = R"({"as_of": "2025-01-01"})";
            CPPUNIT_ASSERT_EQUAL(401, s.post("/api/admin/aggregate", body, "").first);
            CPPUNIT_ASSERT_EQUAL(401, s.post("/api/admin/aggregate", body, "not-a-token-0123456789").first);
            CPPUNIT_ASSERT_EQUAL(403, s.post("/api/admin/aggregate", body, kReader).first);
            CPPUNIT_ASSERT_EQUAL(403, s.post("/api/admin/aggregate", body, kIngest).first);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), s.open()->count("stats-fixture", {}));
        });
    }

    void badInputIsRefusedNamingTheParameter() {
        onBoth([](Server& s) {
            auto r = s.post("/api/admin/aggregate", R"({"as_of": "2025-13-01"})");
            CPPUNIT_ASSERT_EQUAL(400, r.first);
            CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "as_of: expected a day YYYY-MM-DD, got '2025-13-01'"));
            r = s.post("/api/admin/aggregate?as_of=yesterday", "");
            CPPUNIT_ASSERT_EQUAL(400, r.first);
            CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "got 'yesterday'"));
            r = s.post("/api/admin/aggregate", R"({"as_of": "2025-01-01", "aggregations": ["fixture-agg", "nope"]})");
            CPPUNIT_ASSERT_EQUAL(400, r.first);
            CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "aggregations: unknown aggregation 'nope' (configured: fixture-agg, second-agg)"));
            r = s.post("/api/admin/aggregate", R"({"as_of": "2025-01-01", "community_ids": ["alpha", "gamma"]})");
            CPPUNIT_ASSERT_EQUAL(400, r.first);
            CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "community_ids: unknown community 'gamma'"));
            r = s.post("/api/admin/aggregate", R"({"aggregations": "fixture-agg"})");
            CPPUNIT_ASSERT_EQUAL(400, r.first);
            CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "aggregations: expected a list of strings"));
            r = s.post("/api/admin/aggregate", "[1]");
            CPPUNIT_ASSERT_EQUAL(400, r.first);
            CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "request body: expected a JSON object"));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), s.open()->count("stats-fixture", {}));
        });
    }

    void aRunAnswersItsReport() {
        onBoth([](Server& s) {
            // Communities by slug, id and "global": fixture-agg writes 3 days for each, second-agg 1.
            auto r = s.post("/api/admin/aggregate",
                            R"({"as_of": "2025-01-01", "community_ids": ["alpha", "global", "c-uuid-1"]})");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(r.second, 200, r.first);
            auto report = parse(r.second);
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01"), report->getValue<std::string>("as_of"));
            CPPUNIT_ASSERT(report->getValue<bool>("ok"));
            CPPUNIT_ASSERT(!report->getValue<bool>("cancelled"));
            CPPUNIT_ASSERT_EQUAL(8, report->getValue<int>("documents"));
            auto aggs = report->getArray("aggregations");
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), aggs->size());
            auto first = aggs->getObject(0);
            CPPUNIT_ASSERT_EQUAL(std::string("fixture-agg"), first->getValue<std::string>("name"));
            CPPUNIT_ASSERT(first->getValue<bool>("ok"));
            CPPUNIT_ASSERT_EQUAL(2, first->getValue<int>("communities"));
            CPPUNIT_ASSERT_EQUAL(6, first->getValue<int>("documents"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), first->getArray("errors")->size());
            CPPUNIT_ASSERT(first->getValue<double>("seconds") >= 0);
            auto second = aggs->getObject(1);
            CPPUNIT_ASSERT_EQUAL(std::string("second-agg"), second->getValue<std::string>("name"));
            CPPUNIT_ASSERT_EQUAL(2, second->getValue<int>("documents"));
            {
                auto store = s.open();
                CPPUNIT_ASSERT_EQUAL(std::uint64_t(6), store->count("stats-fixture", {}));
                CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), store->count("stats-second", {}));
            }

            // Query-string form, one aggregation, default communities (global alone for the fixture).
            r = s.post("/api/admin/aggregate?as_of=2025-01-02&aggregations=second-agg", "");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(r.second, 200, r.first);
            report = parse(r.second);
            CPPUNIT_ASSERT_EQUAL(1, report->getValue<int>("documents"));
            aggs = report->getArray("aggregations");
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), aggs->size());
            CPPUNIT_ASSERT_EQUAL(std::string("second-agg"), aggs->getObject(0)->getValue<std::string>("name"));
            CPPUNIT_ASSERT_EQUAL(1, aggs->getObject(0)->getValue<int>("communities"));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), s.open()->count("stats-second", {}));
        });
    }

    void aHeldLockAnswersConflict() {
        onBoth([](Server& s) {
            auto store = s.open();
            auto lock = store->tryLock("community_stats_aggregation", 600);
            CPPUNIT_ASSERT(lock != nullptr);
            auto r = s.post("/api/admin/aggregate", R"({"as_of": "2025-01-01"})");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(r.second, 409, r.first);
            CPPUNIT_ASSERT_MESSAGE(r.second, contains(r.second, "holds the aggregation lock"));
            CPPUNIT_ASSERT(parse(r.second)->getValue<bool>("skipped"));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), store->count("stats-fixture", {}));
            lock.reset();
            r = s.post("/api/admin/aggregate", R"({"as_of": "2025-01-01"})");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(r.second, 200, r.first);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), store->count("stats-fixture", {}));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AggregateApiTest);
