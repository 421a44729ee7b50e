// POST/GET /api/stats-dashboard: request shape, errors, format negotiation, exports, headers.
#include <cppunit/extensions/HelperMacros.h>

#include "DashboardApi.h"
#include "DashboardFixtures.h"
#include "DashboardWorld.h"
#include "Negotiation.h"

using namespace statshost;
using namespace statshost::dashboard;
using namespace statshost::test;

namespace {

Request post(const std::string& body, const std::string& accept = "", const std::string& format = "") {
    Request r;
    r.method = "POST";
    r.path = "/api/stats-dashboard";
    r.body = body;
    if (!accept.empty()) r.headers["accept"] = accept;
    if (!format.empty()) r.query.emplace("format", format);
    return r;
}

std::string header(const Response& r, const std::string& name) {
    for (const auto& h : r.headers)
        if (h.first == name) return h.second;
    return "";
}

std::string shown(const std::pair<int, std::string>& error) { return std::to_string(error.first) + " " + error.second; }

const char* kSeries = R"({"usage-delta-series": {"params": {"community_id": "one", "start_date": "2025-01-06", "end_date": "2025-01-08"}}})";

}  // namespace

class DashboardApiTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DashboardApiTest);
    CPPUNIT_TEST(negotiation);
    CPPUNIT_TEST(jsonAnswerKeyedByQuery);
    CPPUNIT_TEST(requestErrors);
    CPPUNIT_TEST(getWithQueryParameter);
    CPPUNIT_TEST(restrictedAnswersArePrivate);
    CPPUNIT_TEST(exportsByFormatAndAccept);
    CPPUNIT_TEST_SUITE_END();

public:
    void negotiation() {
        CPPUNIT_ASSERT(negotiateFormat("", "") == AnswerFormat::Json);
        CPPUNIT_ASSERT(negotiateFormat("", "*/*") == AnswerFormat::Json);
        CPPUNIT_ASSERT(negotiateFormat("", "text/csv") == AnswerFormat::Csv);
        CPPUNIT_ASSERT(negotiateFormat("", "text/csv;q=0.5, application/xml") == AnswerFormat::Xml);
        CPPUNIT_ASSERT(negotiateFormat("", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") ==
                       AnswerFormat::Xlsx);
        CPPUNIT_ASSERT(!negotiateFormat("", "image/png"));
        CPPUNIT_ASSERT(negotiateFormat("xml", "application/json") == AnswerFormat::Xml);  // the parameter wins
        CPPUNIT_ASSERT_EQUAL(400, errorOf([] { negotiateFormat("pdf", ""); }).first);
    }

    void jsonAnswerKeyedByQuery() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            FixedClock clock;
            Response r = answerDashboardRequest(*w.service, ApiSettings{}, clock, post(kSeries));
            CPPUNIT_ASSERT_EQUAL(200, r.status);
            CPPUNIT_ASSERT_EQUAL(std::string("application/json"), r.contentType);
            CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), header(r, "Cache-Control"));
            auto answer = parseJson(r.body).extract<Poco::JSON::Object::Ptr>();
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-07=0;2025-01-08=5;"),
                                 points(answer->getArray("usage-delta-series")->get(0)));
            CPPUNIT_ASSERT_EQUAL(std::string(), header(r, "Content-Disposition"));
            Response download = answerDashboardRequest(*w.service, ApiSettings{}, clock, post(kSeries, "", "json"));
            CPPUNIT_ASSERT_EQUAL(r.body, download.body);
            const std::string disposition = header(download, "Content-Disposition");
            CPPUNIT_ASSERT_MESSAGE(disposition, disposition.find("one") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(disposition, disposition.find("usage-delta-series") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(disposition, disposition.find("2025-01-06") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(disposition, disposition.find(".json\"") != std::string::npos);
        });
    }

    void requestErrors() {
        onBothBackends([](DashboardWorld& w) {
            FixedClock clock;
            auto call = [&](const Request& r) {
                return errorOf([&] { answerDashboardRequest(*w.service, ApiSettings{}, clock, r); });
            };
            CPPUNIT_ASSERT_EQUAL(std::string("400 No JSON data provided"), shown(call(post(""))));
            CPPUNIT_ASSERT_EQUAL(std::string("400 Unknown query: nope"), shown(call(post(R"({"nope": {}})"))));
            auto unknownParam = call(post(R"({"usage-delta-series": {"params": {"colour": "red"}}})"));
            CPPUNIT_ASSERT_EQUAL(400, unknownParam.first);
            CPPUNIT_ASSERT_MESSAGE(unknownParam.second, unknownParam.second.find("colour") != std::string::npos);
            CPPUNIT_ASSERT_EQUAL(404, call(post(R"({"usage-delta-series": {"params": {"community_id": "zzz"}}})")).first);
            CPPUNIT_ASSERT_EQUAL(406, call(post(kSeries, "image/png")).first);
            CPPUNIT_ASSERT_EQUAL(400, call(post("[1,2]")).first);
            CPPUNIT_ASSERT_EQUAL(400, call(post("{not json")).first);
        });
    }

    void getWithQueryParameter() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            FixedClock clock;
            Request get;
            get.method = "GET";
            get.query.emplace("q", kSeries);
            Response r = answerDashboardRequest(*w.service, ApiSettings{}, clock, get);
            CPPUNIT_ASSERT_EQUAL(answerDashboardRequest(*w.service, ApiSettings{}, clock, post(kSeries)).body, r.body);
        });
    }

    void restrictedAnswersArePrivate() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c2", usageDeltaDocs("c2"), "2025-01-08");
            FixedClock clock;
            Request r = post(R"({"usage-delta-series": {"params": {"community_id": "two"}}})");
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { answerDashboardRequest(*w.service, ApiSettings{}, clock, r); }).first);
            r.tokenName = "reader";
            r.scopes = {"read-restricted"};
            Response ok = answerDashboardRequest(*w.service, ApiSettings{}, clock, r);
            CPPUNIT_ASSERT_EQUAL(std::string("private, no-cache"), header(ok, "Cache-Control"));
        });
    }

    void exportsByFormatAndAccept() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            FixedClock clock;
            Response csv = answerDashboardRequest(*w.service, ApiSettings{}, clock, post(kSeries, "", "csv"));
            CPPUNIT_ASSERT_EQUAL(200, csv.status);
            CPPUNIT_ASSERT_MESSAGE(csv.contentType, csv.contentType.rfind("text/csv", 0) == 0);
            CPPUNIT_ASSERT_MESSAGE(csv.body, csv.body.rfind("id,label,date,value,units", 0) == 0);
            CPPUNIT_ASSERT_MESSAGE(csv.body, csv.body.find("global,Global,2025-01-08,5,") != std::string::npos);
            const std::string disposition = header(csv, "Content-Disposition");
            CPPUNIT_ASSERT_MESSAGE(disposition, disposition.rfind("attachment; filename=\"", 0) == 0);
            CPPUNIT_ASSERT_MESSAGE(disposition, disposition.find("usage-delta-series") != std::string::npos);

            Response xml = answerDashboardRequest(*w.service, ApiSettings{}, clock, post(kSeries, "application/xml"));
            CPPUNIT_ASSERT_MESSAGE(xml.contentType, xml.contentType.rfind("application/xml", 0) == 0);
            CPPUNIT_ASSERT_MESSAGE(xml.body, xml.body.find("date=\"2025-01-08") != std::string::npos);

            Response xlsx = answerDashboardRequest(
                *w.service, ApiSettings{}, clock,
                post(kSeries, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
            CPPUNIT_ASSERT_EQUAL(std::string("PK"), xlsx.body.substr(0, 2));

            auto docs = errorOf([&] {
                answerDashboardRequest(*w.service, ApiSettings{}, clock,
                                       post(R"({"community-usage-delta": {"params": {"community_id": "c1"}}})", "text/csv"));
            });
            CPPUNIT_ASSERT_EQUAL(400, docs.first);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DashboardApiTest);
