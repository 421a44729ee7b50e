// Parsing of the dashboard pages' configuration (PageConfig.h): defaults, routes, layouts, UI config.
#include <cppunit/extensions/HelperMacros.h>

#include <Poco/JSON/Array.h>

#include "DashboardWorld.h"
#include "PageConfig.h"
#include "statshost/Errors.h"
#include "support/TestBackends.h"

using namespace statshost;
using namespace statshost::dashboard;
using statshost::test::contains;

namespace {

PagesConfig parse(const std::string& json) { return parsePagesConfig(test::DashboardWorld::params(json)); }

/// The ConfigError text of parsing `json` ("" when it parses).
std::string errorOf(const std::string& json) {
    try {
        parse(json);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

class PageConfigTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PageConfigTest);
    CPPUNIT_TEST(defaultsMatchTheOriginal);
    CPPUNIT_TEST(flaskRoutesBecomeRouterPatterns);
    CPPUNIT_TEST(badRoutesNameTheKey);
    CPPUNIT_TEST(communityLayoutFallsBackToGlobal);
    CPPUNIT_TEST(communityLayoutWinsWhenGiven);
    CPPUNIT_TEST(layoutShapeIsChecked);
    CPPUNIT_TEST(uiConfigIsTypeCheckedAndPassedThrough);
    CPPUNIT_TEST(pathsResolveAgainstTheConfigFolder);
    CPPUNIT_TEST(templateNamesStayInsideTheFolder);
    CPPUNIT_TEST(disabledMessageNamesTheSite);
    CPPUNIT_TEST_SUITE_END();

public:
    void defaultsMatchTheOriginal() {
        PagesConfig c = parse("{}");
        CPPUNIT_ASSERT_EQUAL(std::string("/stats"), c.globalRoute);
        CPPUNIT_ASSERT_EQUAL(std::string("/communities/{pid_value}/stats"), c.communityRoute);
        CPPUNIT_ASSERT_EQUAL(std::string("pid_value"), c.communityParam);
        CPPUNIT_ASSERT_EQUAL(std::string("/static/stats_dashboard"), c.staticPrefix);
        const auto& g = *c.globalDashboardConfig;
        CPPUNIT_ASSERT_EQUAL(std::string("global"), g.getValue<std::string>("dashboard_type"));
        CPPUNIT_ASSERT_EQUAL(std::string("Statistics"), g.getValue<std::string>("title"));
        CPPUNIT_ASSERT_EQUAL(10, g.getValue<int>("maxHistoryYears"));
        CPPUNIT_ASSERT_EQUAL(std::string("week"), g.getValue<std::string>("default_granularity"));
        CPPUNIT_ASSERT(!g.getValue<bool>("show_title"));
        CPPUNIT_ASSERT(c.communityDashboardConfig->getValue<bool>("show_title"));
        CPPUNIT_ASSERT_EQUAL(std::string("30days"), g.getObject("default_range_options")->getValue<std::string>("day"));
        CPPUNIT_ASSERT_EQUAL(std::string("2years"), g.getObject("default_range_options")->getValue<std::string>("year"));
        CPPUNIT_ASSERT_EQUAL(std::string("added"), g.getValue<std::string>("date_basis"));
        CPPUNIT_ASSERT_EQUAL(std::string("en"), g.getValue<std::string>("locale"));
        CPPUNIT_ASSERT_EQUAL(std::string("/api/stats-dashboard"), g.getValue<std::string>("api_url"));
        CPPUNIT_ASSERT(!g.has("layout"));  // the UI's built-in default layout
        CPPUNIT_ASSERT(!g.getValue<bool>("display_binary_sizes"));
    }

    void flaskRoutesBecomeRouterPatterns() {
        PagesConfig c = parse(R"({"STATS_DASHBOARD_ROUTES": {"global": "/statistics/",
                                  "community": "/c/<string:community_id>/statistics"}})");
        CPPUNIT_ASSERT_EQUAL(std::string("/statistics"), c.globalRoute);
        CPPUNIT_ASSERT_EQUAL(std::string("/c/{community_id}/statistics"), c.communityRoute);
        CPPUNIT_ASSERT_EQUAL(std::string("community_id"), c.communityParam);
    }

    void badRoutesNameTheKey() {
        std::string e = errorOf(R"({"STATS_DASHBOARD_ROUTES": {"community": "/communities/stats"}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "STATS_DASHBOARD_ROUTES.community") && contains(e, "exactly one parameter"));
        e = errorOf(R"({"STATS_DASHBOARD_ROUTES": {"global": "stats"}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "STATS_DASHBOARD_ROUTES.global") && contains(e, "starting with '/'"));
        e = errorOf(R"({"STATS_DASHBOARD_ROUTES": {"global": "/s/<x>"}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "no parameters"));
        e = errorOf(R"({"STATS_DASHBOARD_ROUTES": {"community": "/c/x<id>/stats"}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "whole path segment"));
    }

    void communityLayoutFallsBackToGlobal() {
        PagesConfig c = parse(R"({"STATS_DASHBOARD_LAYOUT": {"global_layout": {"tabs": [{"name": "only", "label": "Only",
            "rows": [{"name": "r", "components": [{"component": "SingleStatViews", "width": 16}]}]}]}}})");
        auto tabs = c.communityDashboardConfig->getObject("layout")->getArray("tabs");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), tabs->size());
        CPPUNIT_ASSERT_EQUAL(std::string("only"), tabs->getObject(0)->getValue<std::string>("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("only"),
                             c.globalDashboardConfig->getObject("layout")->getArray("tabs")->getObject(0)->getValue<std::string>("name"));
    }

    void communityLayoutWinsWhenGiven() {
        PagesConfig c = parse(R"({"STATS_DASHBOARD_LAYOUT": {
            "global_layout": {"tabs": [{"name": "g", "rows": [{"name": "r", "components": [{"component": "StatsMap"}]}]}]},
            "community_layout": {"tabs": [{"name": "c", "rows": [{"name": "r", "components": [{"component": "StatsMap",
                "props": {"title": "Visits"}}]}]}]}}})");
        auto tab = c.communityDashboardConfig->getObject("layout")->getArray("tabs")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("c"), tab->getValue<std::string>("name"));
        auto props = tab->getArray("rows")->getObject(0)->getArray("components")->getObject(0)->getObject("props");
        CPPUNIT_ASSERT_EQUAL(std::string("Visits"), props->getValue<std::string>("title"));
    }

    void layoutShapeIsChecked() {
        std::string e = errorOf(R"({"STATS_DASHBOARD_LAYOUT": {"global": {"tabs": []}}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "STATS_DASHBOARD_LAYOUT.global") && contains(e, "global_layout, community_layout"));
        e = errorOf(R"({"STATS_DASHBOARD_LAYOUT": {"global_layout": {"tabs": []}}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "global_layout.tabs") && contains(e, "at least one tab"));
        e = errorOf(R"({"STATS_DASHBOARD_LAYOUT": {"global_layout": {"tabs": [{"name": "a", "rows": [{"name": "r",
            "components": [{"component": "StatsMap", "width": 17}]}]}]}}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "components[0].width") && contains(e, "1 to 16"));
        e = errorOf(R"({"STATS_DASHBOARD_LAYOUT": {"global_layout": {"tabs": [
            {"name": "a", "rows": [{"name": "r", "components": [{"component": "StatsMap"}]}]},
            {"name": "a", "rows": [{"name": "r", "components": [{"component": "StatsMap"}]}]}]}}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "duplicate tab name 'a'"));
    }

    void uiConfigIsTypeCheckedAndPassedThrough() {
        PagesConfig c = parse(R"({"STATS_DASHBOARD_UI_CONFIG": {"global": {"title": "Zahlen", "maxHistoryYears": 3,
            "default_granularity": "month", "show_title": true, "extra": "kept"}}})");
        const auto& g = *c.globalDashboardConfig;
        CPPUNIT_ASSERT_EQUAL(std::string("Zahlen"), g.getValue<std::string>("title"));
        CPPUNIT_ASSERT_EQUAL(3, g.getValue<int>("maxHistoryYears"));
        CPPUNIT_ASSERT_EQUAL(std::string("month"), g.getValue<std::string>("default_granularity"));
        CPPUNIT_ASSERT(g.getValue<bool>("show_title"));
        CPPUNIT_ASSERT_EQUAL(std::string("kept"), g.getValue<std::string>("extra"));
        CPPUNIT_ASSERT_EQUAL(std::string("Statistics"), c.communityDashboardConfig->getValue<std::string>("title"));
        std::string e = errorOf(R"({"STATS_DASHBOARD_UI_CONFIG": {"global": {"default_granularity": "hour"}}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "STATS_DASHBOARD_UI_CONFIG.global.default_granularity"));
        e = errorOf(R"({"STATS_DASHBOARD_UI_CONFIG": {"community": {"show_title": "yes"}}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "STATS_DASHBOARD_UI_CONFIG.community.show_title"));
        e = errorOf(R"({"STATS_DASHBOARD_DEFAULT_RANGE_OPTIONS": {"hour": "1day"}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "STATS_DASHBOARD_DEFAULT_RANGE_OPTIONS.hour"));
    }

    void pathsResolveAgainstTheConfigFolder() {
        PagesConfig c = parse(R"({"STATSHOST_CONFIG_DIR": "/srv/app/conf", "STATSHOST_TEMPLATES_DIR": "/srv/app/templates"})");
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/app/plugins/stats_dashboard/ui/dist"), c.uiDistDir);
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/app/templates"), c.templatesDir);
        c = parse(R"({"STATSHOST_CONFIG_DIR": "/srv/app/conf", "STATS_DASHBOARD_UI_DIST": "/opt/ui",
                      "STATS_DASHBOARD_STATIC_PREFIX": "/assets/dash/"})");
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/ui"), c.uiDistDir);
        CPPUNIT_ASSERT_EQUAL(std::string("/assets/dash"), c.staticPrefix);
        std::string e = errorOf(R"({"STATS_DASHBOARD_STATIC_PREFIX": "static"})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "STATS_DASHBOARD_STATIC_PREFIX"));
    }

    void templateNamesStayInsideTheFolder() {
        PagesConfig c = parse(R"({"STATS_DASHBOARD_TEMPLATES": {"global": "mine/global.html"}})");
        CPPUNIT_ASSERT_EQUAL(std::string("mine/global.html"), c.templates.global);
        CPPUNIT_ASSERT_EQUAL(std::string("page.html"), c.templates.page);
        std::string e = errorOf(R"({"STATS_DASHBOARD_TEMPLATES": {"page": "../etc/passwd"}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "STATS_DASHBOARD_TEMPLATES.page"));
        e = errorOf(R"({"STATS_DASHBOARD_TEMPLATES": {"footer": "f.html"}})");
        CPPUNIT_ASSERT_MESSAGE(e, contains(e, "unknown template role"));
    }

    void disabledMessageNamesTheSite() {
        PagesConfig c = parse(R"({"THEME_SHORT_TITLE": "Zenodo"})");
        CPPUNIT_ASSERT(contains(c.disabledMessageGlobal, "by the Zenodo administrators"));
        CPPUNIT_ASSERT_EQUAL(c.disabledMessageGlobal,
                             c.communityDashboardConfig->getValue<std::string>("disabled_message_global"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PageConfigTest);
