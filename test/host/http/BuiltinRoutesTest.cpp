// /healthz and /metrics served by a real server.
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>

#include "HttpTestSupport.h"
#include "MetricsText.h"
#include "http/BuiltinRoutes.h"

namespace statshost::http {

using namespace test;

class BuiltinRoutesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BuiltinRoutesTest);
    CPPUNIT_TEST(healthzWithoutChecksIsOk);
    CPPUNIT_TEST(healthzReportsChecksAnd503OnFailure);
    CPPUNIT_TEST(metricsCountRequestsAndParse);
    CPPUNIT_TEST(metricsShowAggregationRuns);
    CPPUNIT_TEST_SUITE_END();

public:
    void healthzWithoutChecksIsOk() {
        TestServer s([](Router& r, Metrics& m) { addBuiltinRoutes(r, m); });
        HttpResult res = get(s.port(), "/healthz");
        CPPUNIT_ASSERT_EQUAL(200, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("application/json"), res.header("content-type"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":"ok","checks":[]})"), res.body);
    }

    void healthzReportsChecksAnd503OnFailure() {
        std::atomic<bool> storageUp{true};
        TestServer s([&](Router& r, Metrics& m) {
            addBuiltinRoutes(r, m, [&storageUp] {
                return std::vector<HealthCheckResult>{{"storage", storageUp.load(), storageUp ? "" : "connection refused"},
                                                      {"plugins", true, "3 loaded"}};
            });
        });
        HttpResult up = get(s.port(), "/healthz");
        CPPUNIT_ASSERT_EQUAL(200, up.status);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":"ok","checks":[{"name":"storage","ok":true,"detail":""},)"
                                         R"({"name":"plugins","ok":true,"detail":"3 loaded"}]})"),
                             up.body);
        storageUp = false;
        HttpResult down = get(s.port(), "/healthz");
        CPPUNIT_ASSERT_EQUAL(503, down.status);
        CPPUNIT_ASSERT(down.body.find(R"("status":"fail")") != std::string::npos);
        CPPUNIT_ASSERT(down.body.find(R"({"name":"storage","ok":false,"detail":"connection refused"})") != std::string::npos);
    }

    void metricsCountRequestsAndParse() {
        TestServer s([](Router& r, Metrics& m) {
            addBuiltinRoutes(r, m);
            r.add(textRoute("GET", "/thing", "thing", "x"));
        });
        const std::string series = R"(statshost_http_requests_total{route="thing",method="GET",status="200"})";
        for (int i = 0; i < 3; ++i) get(s.port(), "/thing");
        get(s.port(), "/missing");

        HttpResult first = get(s.port(), "/metrics");
        CPPUNIT_ASSERT_EQUAL(200, first.status);
        CPPUNIT_ASSERT_MESSAGE(first.header("content-type"), first.header("content-type").find("text/plain; version=0.0.4") == 0);
        assertValidExposition(first.body);
        CPPUNIT_ASSERT_EQUAL(3.0, sampleValue(first.body, series));
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(first.body, R"(statshost_http_requests_total{route="unmatched",method="GET",status="404"})"));
        CPPUNIT_ASSERT_EQUAL(3.0, sampleValue(first.body, R"(statshost_http_request_duration_seconds_count{route="thing"})"));
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(first.body, "statshost_http_requests_in_flight"));  // the scrape itself
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(first.body, R"(statshost_build_info{version="9.9.9-test"})"));

        get(s.port(), "/thing");
        HttpResult second = get(s.port(), "/metrics");
        CPPUNIT_ASSERT_EQUAL(4.0, sampleValue(second.body, series));
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(second.body, R"(statshost_http_requests_total{route="metrics",method="GET",status="200"})"));
    }

    void metricsShowAggregationRuns() {
        TestServer s([](Router& r, Metrics& m) { addBuiltinRoutes(r, m); });
        s.metrics.recordAggregationRun("community-records-delta-created-agg", 2.5, true);
        s.metrics.recordAggregationRun("community-records-delta-created-agg", 0.5, false);
        std::string text = get(s.port(), "/metrics").body;
        assertValidExposition(text);
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(text, R"(statshost_aggregation_runs_total{aggregation="community-records-delta-created-agg",result="error"})"));
        CPPUNIT_ASSERT_EQUAL(3.0, sampleValue(text, R"(statshost_aggregation_duration_seconds_sum{aggregation="community-records-delta-created-agg"})"));
        CPPUNIT_ASSERT_EQUAL(2.0, sampleValue(text, R"(statshost_aggregation_duration_seconds_count{aggregation="community-records-delta-created-agg"})"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BuiltinRoutesTest);

}  // namespace statshost::http
