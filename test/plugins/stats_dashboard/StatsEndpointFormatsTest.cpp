// POST /api/stats in every format (host/app/StatsEndpoint + StatsEndpointFormats) over the
// dashboard's queries on stored documents (SQLite and PostgreSQL): `format=` and `Accept`,
// Content-Type, Content-Disposition file names, and the errors.
#include <cppunit/extensions/HelperMacros.h>

#include "DashboardFixtures.h"
#include "DashboardWorld.h"
#include "app/StatsEndpoint.h"

using namespace statshost;
using namespace statshost::dashboard;
using namespace statshost::test;

namespace {

const char* kSeries =
    R"({"views": {"stat": "usage-delta-series", "params": {"community_id": "one", "start_date": "2025-01-06", "end_date": "2025-01-08"}}})";

Route routeOf(DashboardWorld& w) {
    std::map<std::string, QueryHandler> queries;
    for (const auto& spec : queryCatalog()) {
        if (spec.external) continue;
        QueryService* service = w.service.get();
        const std::string name = spec.name;
        queries[name] = [service, name](const Params& params, const Caller& caller) {
            return service->run(name, params, caller);
        };
    }
    return app::statsRoute(queries);
}

Response post(const Route& route, const std::string& body, const std::string& format, const std::string& accept = "") {
    Request req;
    req.method = "POST";
    req.path = "/api/stats";
    req.body = body;
    if (!format.empty()) req.query.emplace("format", format);
    if (!accept.empty()) req.headers["accept"] = accept;
    return route.handler(req);
}

std::string header(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return "";
}

int statusOf(const std::function<void()>& action) { return errorOf(action).first; }

}  // namespace

class StatsEndpointFormatsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StatsEndpointFormatsTest);
    CPPUNIT_TEST(jsonByDefaultAndOnRequest);
    CPPUNIT_TEST(csvByParamAndAccept);
    CPPUNIT_TEST(xlsxAndXml);
    CPPUNIT_TEST(categoryCsvIsAnArchive);
    CPPUNIT_TEST(errors);
    CPPUNIT_TEST_SUITE_END();

public:
    void jsonByDefaultAndOnRequest() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            const Route route = routeOf(w);
            const Response plain = post(route, kSeries, "");
            CPPUNIT_ASSERT_EQUAL(std::string("application/json"), plain.contentType);
            CPPUNIT_ASSERT_EQUAL(std::string(""), header(plain, "Content-Disposition"));
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-07=0;2025-01-08=5;"),
                                 points(parseJson(plain.body).extract<Poco::JSON::Object::Ptr>()->getArray("views")->get(0)));
            const Response named = post(route, kSeries, "json");
            CPPUNIT_ASSERT_EQUAL(plain.body, named.body);
            CPPUNIT_ASSERT_EQUAL(std::string("attachment; filename=\"stats_one_usage-delta-series_2025-01-06_to_2025-01-08.json\""),
                                 header(named, "Content-Disposition"));
            CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), header(named, "Cache-Control"));
        });
    }

    void csvByParamAndAccept() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            const Route route = routeOf(w);
            const Response csv = post(route, kSeries, "csv");
            CPPUNIT_ASSERT(csv.contentType.rfind("text/csv", 0) == 0);
            CPPUNIT_ASSERT_EQUAL(std::string("attachment; filename=\"stats_one_usage-delta-series_2025-01-06_to_2025-01-08.csv\""),
                                 header(csv, "Content-Disposition"));
            CPPUNIT_ASSERT_EQUAL(std::string("id,label,date,value,units\r\n"), csv.body.substr(0, 27));
            CPPUNIT_ASSERT(csv.body.find("global,Global,2025-01-06,3,") != std::string::npos);
            CPPUNIT_ASSERT(csv.body.find("global,Global,2025-01-08,5,") != std::string::npos);
            const Response accepted = post(route, kSeries, "", "text/csv, application/json;q=0.5");
            CPPUNIT_ASSERT_EQUAL(csv.body, accepted.body);
            CPPUNIT_ASSERT_EQUAL(header(csv, "Content-Disposition"), header(accepted, "Content-Disposition"));
        });
    }

    void xlsxAndXml() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            const Route route = routeOf(w);
            const Response xlsx = post(route, kSeries, "xlsx");
            CPPUNIT_ASSERT_EQUAL(std::string("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), xlsx.contentType);
            CPPUNIT_ASSERT_EQUAL(std::string("PK"), xlsx.body.substr(0, 2));  // a zip container
            CPPUNIT_ASSERT(header(xlsx, "Content-Disposition").find("usage-delta-series_2025-01-06_to_2025-01-08.xlsx") !=
                           std::string::npos);
            const Response xml = post(route, kSeries, "", "application/xml");
            CPPUNIT_ASSERT(xml.contentType.rfind("application/xml", 0) == 0);
            CPPUNIT_ASSERT_EQUAL(std::string("<?xml"), xml.body.substr(0, 5));
            CPPUNIT_ASSERT(xml.body.find("2025-01-08") != std::string::npos);
            CPPUNIT_ASSERT(header(xml, "Content-Disposition").find(".xml\"") != std::string::npos);
        });
    }

    void categoryCsvIsAnArchive() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            const Response archive =
                post(routeOf(w), R"({"u": {"stat": "usage-delta-category", "params": {"community_id": "c1"}}})", "csv");
            CPPUNIT_ASSERT_EQUAL(std::string("application/gzip"), archive.contentType);
            CPPUNIT_ASSERT_EQUAL(std::string("\x1f\x8b"), archive.body.substr(0, 2));
            CPPUNIT_ASSERT(header(archive, "Content-Disposition").find("stats_c1_usage-delta-category.csv.tar.gz") !=
                           std::string::npos);
        });
    }

    void errors() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-08");
            const Route route = routeOf(w);
            CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { post(route, kSeries, "pdf"); }));
            CPPUNIT_ASSERT_EQUAL(406, statusOf([&] { post(route, kSeries, "", "image/png"); }));
            CPPUNIT_ASSERT_EQUAL(400, statusOf([&] {
                                     post(route, R"({"d": {"stat": "community-usage-delta", "params": {"community_id": "c1"}}})", "csv");
                                 }));
            CPPUNIT_ASSERT_EQUAL(404, statusOf([&] {
                                     post(route, R"({"v": {"stat": "usage-delta-series", "params": {"community_id": "three"}}})", "csv");
                                 }));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StatsEndpointFormatsTest);
