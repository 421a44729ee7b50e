// GET /api/records/{id}/stats (issue 8) on the per-parent documents, SQLite and PostgreSQL.
#include <cppunit/extensions/HelperMacros.h>

#include "LeaderboardWorld.h"
#include "RecordStatsRoute.h"

using namespace statshost;
using namespace statshost::dashboard;
using namespace statshost::test;

namespace {

Request statsRequest(const std::string& id, const std::multimap<std::string, std::string>& query = {},
                     std::set<std::string> scopes = {}) {
    Request r;
    r.method = "GET";
    r.path = "/api/records/" + id + "/stats";
    r.pathParams["id"] = id;
    r.query = query;
    if (!scopes.empty()) r.tokenName = "reader";
    r.scopes = std::move(scopes);
    return r;
}

/// "views/unique_views/downloads/unique_downloads/data_volume" of `part`.
std::string numbers(const Response& res, const std::string& part) {
    auto o = parseJson(res.body).extract<Poco::JSON::Object::Ptr>()->getObject(part);
    std::string out;
    for (const char* key : {"views", "unique_views", "downloads", "unique_downloads", "data_volume"})
        out += (out.empty() ? "" : "/") + o->get(key).toString();
    return out;
}

}  // namespace

class RecordStatsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RecordStatsTest);
    CPPUNIT_TEST(sumsThisVersionAndAllVersions);
    CPPUNIT_TEST(dateRangeLimitsTheDays);
    CPPUNIT_TEST(unknownAndHiddenRecordsAre404);
    CPPUNIT_TEST(routeIsConditional);
    CPPUNIT_TEST_SUITE_END();

public:
    void sumsThisVersionAndAllVersions() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            const Response r2 = answerRecordStats(w.base.store, w.base.records, statsRequest("r2"));
            CPPUNIT_ASSERT_EQUAL(std::string("7/7/4/4/350"), numbers(r2, "this_version"));
            CPPUNIT_ASSERT_EQUAL(std::string("12/10/6/5/450"), numbers(r2, "all_versions"));
            CPPUNIT_ASSERT_EQUAL(std::string("5/4/2/2/100"),
                                 numbers(answerRecordStats(w.base.store, w.base.records, statsRequest("r1")), "this_version"));
            // A known record without usage documents: zeros.
            const Response r3 = answerRecordStats(w.base.store, w.base.records, statsRequest("r3"));
            CPPUNIT_ASSERT_EQUAL(std::string("0/0/0/0/0"), numbers(r3, "all_versions"));
            CPPUNIT_ASSERT_EQUAL(std::string("application/json"), r2.contentType);
        });
    }

    void dateRangeLimitsTheDays() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            const Response r = answerRecordStats(w.base.store, w.base.records,
                                                 statsRequest("r2", {{"start_date", "2025-01-02"}}));
            CPPUNIT_ASSERT_EQUAL(std::string("4/4/3/3/300"), numbers(r, "this_version"));
            CPPUNIT_ASSERT_EQUAL(std::string("4/4/3/3/300"), numbers(r, "all_versions"));
            const Response r1 = answerRecordStats(w.base.store, w.base.records,
                                                  statsRequest("r1", {{"end_date", "2025-01-01"}}));
            CPPUNIT_ASSERT_EQUAL(std::string("8/6/3/2/150"), numbers(r1, "all_versions"));
            auto bad = errorOf([&] { answerRecordStats(w.base.store, w.base.records, statsRequest("r2", {{"end_date", "soon"}})); });
            CPPUNIT_ASSERT_EQUAL(400, bad.first);
            CPPUNIT_ASSERT(bad.second.find("end_date") != std::string::npos);
        });
    }

    void unknownAndHiddenRecordsAre404() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { answerRecordStats(w.base.store, w.base.records, statsRequest("nope")); }).first);
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { answerRecordStats(w.base.store, w.base.records, statsRequest("r4")); }).first);
            const Response r4 = answerRecordStats(w.base.store, w.base.records, statsRequest("r4", {}, {"read-restricted"}));
            CPPUNIT_ASSERT_EQUAL(std::string("0/0/0/0/0"), numbers(r4, "this_version"));
            bool privateCache = false;
            for (const auto& [name, value] : r4.headers) privateCache = privateCache || (name == "Cache-Control" && value == "private, no-cache");
            CPPUNIT_ASSERT(privateCache);
        });
    }

    void routeIsConditional() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            const Route route = recordStatsRoute(w.base.store, w.base.records);
            CPPUNIT_ASSERT_EQUAL(std::string("/api/records/{id}/stats"), route.pattern);
            CPPUNIT_ASSERT(route.conditional);
            CPPUNIT_ASSERT_EQUAL(std::string("7/7/4/4/350"), numbers(route.handler(statsRequest("r2")), "this_version"));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecordStatsTest);
