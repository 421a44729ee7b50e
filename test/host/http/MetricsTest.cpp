// Metrics: counters, histogram buckets, label escaping, aggregation runs, exposition syntax.
#include <cppunit/extensions/HelperMacros.h>

#include <thread>

#include "MetricsText.h"
#include "http/Metrics.h"

namespace statshost::http {

using test::sampleValue;

class MetricsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MetricsTest);
    CPPUNIT_TEST(countsRequestsByRouteMethodStatus);
    CPPUNIT_TEST(histogramIsCumulative);
    CPPUNIT_TEST(unknownMethodsAreCountedAsOther);
    CPPUNIT_TEST(labelValuesAreEscaped);
    CPPUNIT_TEST(aggregationRunsAndDurations);
    CPPUNIT_TEST(gaugesAndBuildInfo);
    CPPUNIT_TEST(everyLineParses);
    CPPUNIT_TEST(concurrentUpdatesAreNotLost);
    CPPUNIT_TEST_SUITE_END();

public:
    void countsRequestsByRouteMethodStatus() {
        Metrics m("1.0");
        m.recordRequest("stats", "GET", 200, 0.01);
        m.recordRequest("stats", "GET", 200, 0.02);
        m.recordRequest("stats", "GET", 404, 0.02);
        std::string text = m.render();
        CPPUNIT_ASSERT_EQUAL(2.0, sampleValue(text, "statshost_http_requests_total{route=\"stats\",method=\"GET\",status=\"200\"}"));
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(text, "statshost_http_requests_total{route=\"stats\",method=\"GET\",status=\"404\"}"));
    }

    void histogramIsCumulative() {
        Metrics m("1.0");
        m.recordRequest("r", "GET", 200, 0.003);
        m.recordRequest("r", "GET", 200, 0.3);
        m.recordRequest("r", "GET", 200, 42);
        std::string text = m.render();
        auto bucket = [&](const char* le) {
            return sampleValue(text, std::string("statshost_http_request_duration_seconds_bucket{route=\"r\",le=\"") + le + "\"}");
        };
        CPPUNIT_ASSERT_EQUAL(0.0, bucket("0.001"));
        CPPUNIT_ASSERT_EQUAL(1.0, bucket("0.005"));
        CPPUNIT_ASSERT_EQUAL(1.0, bucket("0.25"));
        CPPUNIT_ASSERT_EQUAL(2.0, bucket("0.5"));
        CPPUNIT_ASSERT_EQUAL(2.0, bucket("10"));
        CPPUNIT_ASSERT_EQUAL(3.0, bucket("+Inf"));
        CPPUNIT_ASSERT_EQUAL(3.0, sampleValue(text, "statshost_http_request_duration_seconds_count{route=\"r\"}"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(42.303, sampleValue(text, "statshost_http_request_duration_seconds_sum{route=\"r\"}"), 1e-6);
        CPPUNIT_ASSERT_EQUAL(std::size_t(13), Metrics::durationBuckets().size());
    }

    void unknownMethodsAreCountedAsOther() {
        Metrics m("1.0");
        m.recordRequest("unmatched", "BREW", 405, 0.001);
        std::string text = m.render();
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(text, "statshost_http_requests_total{route=\"unmatched\",method=\"OTHER\",status=\"405\"}"));
        CPPUNIT_ASSERT(text.find("BREW") == std::string::npos);
    }

    void labelValuesAreEscaped() {
        Metrics m("1.0");
        m.recordAggregationRun("a\"b\\c\nd", 1, true);
        CPPUNIT_ASSERT_EQUAL(std::string("a\\\"b\\\\c\\nd"), escapeLabelValue("a\"b\\c\nd"));
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(m.render(), "statshost_aggregation_runs_total{aggregation=\"a\\\"b\\\\c\\nd\",result=\"ok\"}"));
    }

    void aggregationRunsAndDurations() {
        Metrics m("1.0");
        m.recordAggregationRun("views", 1.5, true);
        m.recordAggregationRun("views", 0.25, false);
        m.recordAggregationRun("views", 1.0, true);
        std::string text = m.render();
        CPPUNIT_ASSERT_EQUAL(2.0, sampleValue(text, "statshost_aggregation_runs_total{aggregation=\"views\",result=\"ok\"}"));
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(text, "statshost_aggregation_runs_total{aggregation=\"views\",result=\"error\"}"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(2.75, sampleValue(text, "statshost_aggregation_duration_seconds_sum{aggregation=\"views\"}"), 1e-9);
        CPPUNIT_ASSERT_EQUAL(3.0, sampleValue(text, "statshost_aggregation_duration_seconds_count{aggregation=\"views\"}"));
    }

    void gaugesAndBuildInfo() {
        Metrics m("2.3.4");
        m.requestStarted();
        m.requestStarted();
        m.requestFinished();
        std::string text = m.render();
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(text, "statshost_http_requests_in_flight"));
        CPPUNIT_ASSERT_EQUAL(1.0, sampleValue(text, "statshost_build_info{version=\"2.3.4\"}"));
        double start = sampleValue(text, "process_start_time_seconds");
        CPPUNIT_ASSERT(start > 1.6e9 && start < 4e9);
    }

    void everyLineParses() {
        Metrics m("1.0");
        m.recordRequest("r", "GET", 200, 0.5);
        m.recordAggregationRun("x", 1, false);
        test::assertValidExposition(m.render());
    }

    void concurrentUpdatesAreNotLost() {
        Metrics m("1.0");
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&m] {
                for (int i = 0; i < 1000; ++i) m.recordRequest("r", "GET", 200, 0.001);
            });
        for (auto& t : threads) t.join();
        CPPUNIT_ASSERT_EQUAL(4000.0, sampleValue(m.render(), "statshost_http_requests_total{route=\"r\",method=\"GET\",status=\"200\"}"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetricsTest);

}  // namespace statshost::http
