#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

#include <Poco/JSON/Array.h>

#include "ExportModel.h"
#include "ExportTestSupport.h"

using namespace statshost::dashboard;
using namespace statshost::test::exportsupport;

namespace {

/// The message of the invalid_argument exportSeries throws for `json` (fails when none is thrown).
std::string rejection(const std::string& json, const ExportInfo& info = ExportInfo()) {
    try {
        exportSeries(*parseObject(json), ExportFormat::Csv, info);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    CPPUNIT_FAIL("no std::invalid_argument for " + json);
    return "";
}

void assertContains(const std::string& expected, const std::string& actual) {
    CPPUNIT_ASSERT_MESSAGE("expected \"" + expected + "\" in \"" + actual + "\"",
                           actual.find(expected) != std::string::npos);
}

}  // namespace

class ExportModelTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ExportModelTest);
    CPPUNIT_TEST(categoryAnswerBecomesModel);
    CPPUNIT_TEST(seriesAnswerUsesRequestedCategoryAndMetric);
    CPPUNIT_TEST(programmaticAnswersKeepTheirKeyOrder);
    CPPUNIT_TEST(malformedAnswersNameThePath);
    CPPUNIT_TEST(malformedInfoIsRejected);
    CPPUNIT_TEST(unitsFollowTheMetricKey);
    CPPUNIT_TEST(fileStemNamesCommunityQueriesAndRange);
    CPPUNIT_TEST_SUITE_END();

public:
    void categoryAnswerBecomesModel() {
        detail::ExportModel model = detail::parseExportModel(*parseObject(categoryAnswerJson()), ExportInfo());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), model.queries.size());
        const detail::ExportQuery& query = model.queries[0];
        CPPUNIT_ASSERT_EQUAL(std::string("record-delta-category"), query.name);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), query.subcounts.size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), model.pointCount());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), model.metricsWithData());

        const detail::ExportSubcount& global = query.subcounts[1];
        CPPUNIT_ASSERT_EQUAL(std::string("global"), global.key);
        CPPUNIT_ASSERT_EQUAL(std::string("dataVolume"), global.metrics[0].key);
        const detail::ExportPoint& bytes = global.metrics[0].series[0].points[0];
        CPPUNIT_ASSERT_EQUAL(std::string("2025-05-30"), bytes.date);   // MM-DD + year
        CPPUNIT_ASSERT_EQUAL(std::string("3072"), bytes.valueText);    // 3072.0
        CPPUNIT_ASSERT_DOUBLES_EQUAL(3072.0, bytes.value, 0);
        const detail::ExportSeries& records = global.metrics[1].series[0];
        CPPUNIT_ASSERT_EQUAL(std::string("-1"), records.points[1].valueText);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-05-31"), records.points[1].date);
        CPPUNIT_ASSERT_EQUAL(std::string("Global"), records.label);
        CPPUNIT_ASSERT_EQUAL(std::string("bar"), records.type);

        const detail::ExportMetric& languages = query.subcounts[2].metrics[0];
        CPPUNIT_ASSERT_EQUAL(std::string("English"), languages.series[0].label);  // en of {de, en}
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), languages.series[0].translations.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Fran\xC3\xA7" "ais, \"le\"\nnouveau"), languages.series[1].label);  // label over name
        CPPUNIT_ASSERT_EQUAL(std::string("7.5"), languages.series[1].points[0].valueText);
        CPPUNIT_ASSERT(!query.subcounts[0].metrics[0].hasData());  // filePresence: series without points
    }

    void seriesAnswerUsesRequestedCategoryAndMetric() {
        ExportInfo info;
        info.seriesCategory = "languages";
        info.seriesMetric = "dataVolume";
        auto model = detail::parseExportModel(
            *parseObject(R"({"usage-delta-series": [{"id": "x", "name": {"fr": "Autre", "de": "Andere"},
                              "data": [["2025-01-01", 1]]}]})"),
            info);
        CPPUNIT_ASSERT_EQUAL(std::string("languages"), model.queries[0].subcounts[0].key);
        CPPUNIT_ASSERT_EQUAL(std::string("dataVolume"), model.queries[0].subcounts[0].metrics[0].key);
        // no `en`: the first value in key order
        CPPUNIT_ASSERT_EQUAL(std::string("Andere"), model.queries[0].subcounts[0].metrics[0].series[0].label);
        auto unnamed = detail::parseExportModel(*parseObject(R"({"q": [{"id": "only-id", "data": []}]})"), info);
        CPPUNIT_ASSERT_EQUAL(std::string("only-id"), unnamed.queries[0].subcounts[0].metrics[0].series[0].label);
    }

    /// Answers built in code: order-preserving objects keep their order; values held by value
    /// (not as Ptr) are accepted too. (Poco 1.11.0 cannot copy an order-preserving Object: its key
    /// list keeps pointing into the source, so only the Ptr-held object preserves order here.)
    void programmaticAnswersKeepTheirKeyOrder() {
        using Poco::JSON::Array;
        using Poco::JSON::Object;
        Array data;
        Array point;
        point.add(std::string("2025-01-02"));
        point.add(3);
        data.add(point);
        Object series;
        series.set("id", std::string("s"));
        series.set("data", data);
        Array list;
        list.add(series);
        Object metrics;
        metrics.set("views", list);
        metrics.set("downloads", list);
        Object::Ptr results = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        results->set("zeta-category", Object::Ptr(new Object));
        Object::Ptr subcounts = new Object;
        subcounts->set("global", metrics);
        results->set("alpha-category", subcounts);

        detail::ExportModel model = detail::parseExportModel(*results, ExportInfo());
        CPPUNIT_ASSERT_EQUAL(std::string("zeta-category"), model.queries[0].name);
        const detail::ExportSubcount& global = model.queries[1].subcounts[0];
        CPPUNIT_ASSERT_EQUAL(std::string("downloads"), global.metrics[0].key);  // sorted: no preserved order
        CPPUNIT_ASSERT_EQUAL(std::string("views"), global.metrics[1].key);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-02"), global.metrics[1].series[0].points[0].date);
        CPPUNIT_ASSERT_EQUAL(std::string("3"), global.metrics[1].series[0].points[0].valueText);
    }

    void malformedAnswersNameThePath() {
        assertContains("results[\"q\"]: expected an object", rejection(R"({"q": 5})"));
        assertContains("results[\"q\"][\"s\"]: expected an object", rejection(R"({"q": {"s": []}})"));
        assertContains("results[\"q\"][\"s\"][\"m\"]: expected an array", rejection(R"({"q": {"s": {"m": {}}}})"));
        assertContains("results[\"q\"][\"s\"][\"m\"][1]: expected an object",
                       rejection(R"({"q": {"s": {"m": [{"id": "a", "data": []}, 7]}}})"));
        assertContains("results[\"q\"][0]: missing \"id\"", rejection(R"({"q": [{"name": "x", "data": []}]})"));
        assertContains("results[\"q\"][0].id: expected a string", rejection(R"({"q": [{"id": 5, "data": []}]})"));
        assertContains("results[\"q\"][0]: missing \"data\"", rejection(R"({"q": [{"id": "a"}]})"));
        assertContains("results[\"q\"][0].data: expected an array", rejection(R"({"q": [{"id": "a", "data": {}}]})"));
        assertContains("results[\"q\"][0].data[0][0]: date \"05-30\" has no year",
                       rejection(R"({"q": [{"id": "a", "data": [["05-30", 1]]}]})"));
        assertContains("results[\"q\"][0].data[1][0]: \"2025-02-30\" is not a date",
                       rejection(R"({"q": [{"id": "a", "data": [["2025-02-28", 1], ["2025-02-30", 1]]}]})"));
        assertContains("results[\"q\"][0].data[0][0]: \"2025-5-30\" is not a date",
                       rejection(R"({"q": [{"id": "a", "data": [["2025-5-30", 1]]}]})"));
        assertContains("results[\"q\"][0].data[0][1]: expected a number",
                       rejection(R"({"q": [{"id": "a", "data": [["2025-02-03", "1"]]}]})"));
        assertContains("results[\"q\"][0].data[0][1]: expected a number",
                       rejection(R"({"q": [{"id": "a", "data": [["2025-02-03", true]]}]})"));
        assertContains("results[\"q\"][0].data[0][1]: expected a number",
                       rejection(R"({"q": [{"id": "a", "data": [["2025-02-03", null]]}]})"));
        assertContains("results[\"q\"][0].data[0]: expected [date, value]",
                       rejection(R"({"q": [{"id": "a", "data": [["2025-02-03"]]}]})"));
        assertContains("results[\"q\"][0].year: expected an integer year",
                       rejection(R"({"q": [{"id": "a", "year": "2025", "data": []}]})"));
        assertContains("results[\"q\"][0].year: year out of range",
                       rejection(R"({"q": [{"id": "a", "year": 0, "data": []}]})"));
        assertContains("results[\"q\"][0].label[\"en\"]: expected a string",
                       rejection(R"({"q": [{"id": "a", "label": {"en": 3}, "data": []}]})"));
        assertContains("results[\"q\"][0].name: expected a string or an object",
                       rejection(R"({"q": [{"id": "a", "name": 3, "data": []}]})"));
        assertContains("results[\"q\\\"x\"]: expected an object", rejection(R"({"q\"x": 1})"));
    }

    void malformedInfoIsRejected() {
        const std::string empty = "{}";
        ExportInfo info;
        info.startDate = "2025-13-01";
        assertContains("startDate \"2025-13-01\" is not an ISO date", rejection(empty, info));
        info = ExportInfo();
        info.endDate = "31.12.2025";
        assertContains("endDate", rejection(empty, info));
        info = ExportInfo();
        info.startDate = "2025-06-01";
        info.endDate = "2025-05-31";
        assertContains("endDate 2025-05-31 is before startDate 2025-06-01", rejection(empty, info));
        info = ExportInfo();
        info.generatedAt = "yesterday";
        assertContains("generatedAt \"yesterday\" is not an ISO 8601 timestamp", rejection(empty, info));
        info.generatedAt = "2026-01-02T03:04:05.250+02:00";  // accepted, normalised to UTC
        info.startDate = "2025-01-01T00:00:00";
        std::string xml = exportSeries(*parseObject(empty), ExportFormat::Xml, info).body;
        assertContains("<generatedAt>2026-01-02T01:04:05+00:00</generatedAt>", xml);
        assertContains("<startDate>2025-01-01</startDate>", xml);
        info.generatedAt = "2026-01-02T24:00:00Z";
        assertContains("generatedAt", rejection(empty, info));
    }

    void unitsFollowTheMetricKey() {
        CPPUNIT_ASSERT_EQUAL(std::string("bytes"), detail::metricUnits("dataVolume"));
        CPPUNIT_ASSERT_EQUAL(std::string("unique records viewed"), detail::metricUnits("viewUniqueRecords"));
        CPPUNIT_ASSERT_EQUAL(std::string("unique visitors who downloaded"), detail::metricUnits("downloadVisitors"));
        CPPUNIT_ASSERT_EQUAL(std::string("files"), detail::metricUnits("fileCount"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent records"), detail::metricUnits("PARENTS"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), detail::metricUnits("somethingElse"));
        CPPUNIT_ASSERT(detail::isByteMetric("dataVolume"));
        CPPUNIT_ASSERT(!detail::isByteMetric("records"));
    }

    void fileStemNamesCommunityQueriesAndRange() {
        ExportInfo info = sampleInfo();
        CPPUNIT_ASSERT_EQUAL(std::string("stats_my-community_record-delta-category_2025-01-01_to_2025-12-31"),
                             exportFileStem({"record-delta-category"}, info));
        info.communitySlug = "";
        info.startDate = "";
        CPPUNIT_ASSERT_EQUAL(std::string("stats_3f1c2b9e-0000-4000-8000-000000000001_a_b_to_2025-12-31"),
                             exportFileStem({"a", "b"}, info));
        info = ExportInfo();
        info.communitySlug = "caf\xC3\xA9/../x y";
        info.startDate = "2024-02-29";
        CPPUNIT_ASSERT_EQUAL(std::string("stats_caf___.._x_y_q_from_2024-02-29"), exportFileStem({"q"}, info));
        CPPUNIT_ASSERT_EQUAL(std::string("stats_global"), exportFileStem({}, ExportInfo()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(180), exportFileStem({std::string(500, 'q')}, ExportInfo()).size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ExportModelTest);
