// The dashboard page and asset routes (DashboardPages.h) on both backends: the access rules of the
// API applied to pages (200 / 403 / 404 with the right page), dashboard_config injection including
// "data as of" from the bookmarks, and the UI build served from its manifest.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>

#include "AssetRoute.h"
#include "DashboardPages.h"
#include "DashboardWorld.h"
#include "support/TestBackends.h"
#include "support/TestEnv.h"

using namespace statshost;
using namespace statshost::dashboard;
using statshost::test::contains;
using statshost::dashboard::test::DashboardWorld;

namespace {

class RecordingRegistrar : public BlueprintRegistrar {
public:
    void addRoute(Route route) override { routes[route.pattern] = std::move(route); }
    void addTemplate(const std::string& name, const std::string& path) override { templates[name] = path; }
    void addStaticDirectory(const std::string& prefix, const std::string&) override { statics.push_back(prefix); }
    void addQuery(const std::string&, QueryHandler) override {}

    Response get(const std::string& pattern, std::map<std::string, std::string> params = {},
                 std::set<std::string> scopes = {}) const {
        Request r;
        r.method = "GET";
        r.pathParams = std::move(params);
        r.scopes = std::move(scopes);
        if (!r.scopes.empty()) r.tokenName = "token";
        return routes.at(pattern).handler(r);
    }

    std::map<std::string, Route> routes;
    std::map<std::string, std::string> templates;
    std::vector<std::string> statics;
};

class QuietLogger : public Logger {
public:
    void log(LogLevel level, const std::string& message) override {
        if (level == LogLevel::Warning) warnings.push_back(message);
    }
    std::vector<std::string> warnings;
};

/// A UI build with one script, one stylesheet and a lazily loaded chunk.
void writeBuild(const std::string& dist) {
    Poco::File(dist + "/.vite").createDirectories();
    Poco::File(dist + "/assets").createDirectories();
    std::ofstream(dist + "/.vite/manifest.json") << R"({
      "src/main.jsx": {"file": "assets/main-Ab3_x-9Q.js", "isEntry": true, "css": ["assets/main-Cd4e5f6G.css"],
                       "dynamicImports": ["src/lazy.js"]},
      "src/lazy.js": {"file": "assets/lazy-Zz9yy8xx.js", "isDynamicEntry": true}})";
    std::ofstream(dist + "/assets/main-Ab3_x-9Q.js") << "console.log('dashboard');";
    std::ofstream(dist + "/assets/main-Cd4e5f6G.css") << "body{}";
    std::ofstream(dist + "/assets/lazy-Zz9yy8xx.js") << "export default 1;";
    std::ofstream(dist + "/secret.txt") << "not in the manifest";
}

/// The JSON of the data-* attribute `name` in `html` (HTML entities undone).
Poco::JSON::Object::Ptr attributeJson(const std::string& html, const std::string& name) {
    const std::string start = name + "=\"";
    const std::size_t from = html.find(start);
    CPPUNIT_ASSERT_MESSAGE(html, from != std::string::npos);
    std::string value = html.substr(from + start.size(), html.find('"', from + start.size()) - from - start.size());
    const std::pair<const char*, const char*> entities[] = {
        {"&quot;", "\""}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
    for (const auto& [entity, text] : entities)
        for (std::size_t at = value.find(entity); at != std::string::npos; at = value.find(entity, at + 1))
            value.replace(at, std::string(entity).size(), text);
    return Poco::JSON::Parser().parse(value).extract<Poco::JSON::Object::Ptr>();
}

struct PagesWorld {
    explicit PagesWorld(DashboardWorld& world, const std::string& extraParams = "", bool withBuild = true,
                        AccessPolicy accessPolicy = {})
        : policy(accessPolicy) {
        if (withBuild) writeBuild(dir.path() + "/dist");
        const std::string json = R"({"STATSHOST_CONFIG_DIR": ")" + dir.path() + R"(/conf",
            "STATSHOST_TEMPLATES_DIR": ")" + std::string(STATSHOST_SOURCE_DIR) + R"(/templates",
            "STATS_DASHBOARD_UI_DIST": "../dist", "THEME_SHORT_TITLE": "Demo <Repo>")" + extraParams + "}";
        config = parsePagesConfig(DashboardWorld::params(json));
        BlueprintContext context{world.store, clock, logger, world.directory, world.records, world.settings};
        pages = registerDashboardPages(registrar, config, context, policy);
    }
    statshost::test::TempDir dir;
    dashboard::test::FixedClock clock;
    QuietLogger logger;
    AccessPolicy policy;  // everything enabled, opt-in
    PagesConfig config;
    RecordingRegistrar registrar;
    std::shared_ptr<DashboardPages> pages;

    Response community(const std::string& idOrSlug, std::set<std::string> scopes = {}) const {
        return registrar.get("/communities/{pid_value}/stats", {{"pid_value", idOrSlug}}, std::move(scopes));
    }
};

std::string header(const Response& r, const std::string& name) {
    for (const auto& h : r.headers)
        if (h.first == name) return h.second;
    return "";
}

}  // namespace

class PageRoutesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PageRoutesTest);
    CPPUNIT_TEST(registersPagesTemplatesAndAssets);
    CPPUNIT_TEST(globalPageInjectsTheConfiguration);
    CPPUNIT_TEST(communityPageByIdOrSlug);
    CPPUNIT_TEST(restrictedCommunityFollowsTheApiRules);
    CPPUNIT_TEST(disabledDashboardsSayNotEnabled);
    CPPUNIT_TEST(unknownCommunityIsNotFound);
    CPPUNIT_TEST(lastUpdatedComesFromTheBookmarks);
    CPPUNIT_TEST(assetsComeFromTheManifestOnly);
    CPPUNIT_TEST(missingBuildWarnsAndSaysSo);
    CPPUNIT_TEST_SUITE_END();

public:
    void registersPagesTemplatesAndAssets() {
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            PagesWorld p(world);
            CPPUNIT_ASSERT(p.registrar.routes.count("/stats"));
            CPPUNIT_ASSERT(p.registrar.routes.count("/communities/{pid_value}/stats"));
            CPPUNIT_ASSERT(p.registrar.routes.count("/static/stats_dashboard/{path*}"));
            CPPUNIT_ASSERT(p.registrar.routes.at("/static/stats_dashboard/{path*}").conditional);
            CPPUNIT_ASSERT_EQUAL(std::string("stats_dashboard.html"), p.registrar.templates.at("stats_dashboard.global"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(5), p.registrar.templates.size());
            CPPUNIT_ASSERT(p.logger.warnings.empty());
        });
    }

    void globalPageInjectsTheConfiguration() {
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            PagesWorld p(world, R"(, "STATS_DASHBOARD_UI_CONFIG": {"global": {"title": "It's <b>ours</b>", "show_title": true}})");
            Response r = p.registrar.get("/stats");
            CPPUNIT_ASSERT_EQUAL(200, r.status);
            CPPUNIT_ASSERT_EQUAL(std::string("text/html; charset=utf-8"), r.contentType);
            CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), header(r, "Cache-Control"));
            CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "<script type=\"module\" src=\"/static/stats_dashboard/assets/main-Ab3_x-9Q.js\">"));
            CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "href=\"/static/stats_dashboard/assets/main-Cd4e5f6G.css\""));
            CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "<h1 class=\"page-heading\">It&apos;s &lt;b&gt;ours&lt;/b&gt;</h1>"));
            CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "data-community=\"null\""));
            auto config = attributeJson(r.body, "data-dashboard-config");
            CPPUNIT_ASSERT_EQUAL(std::string("global"), config->getValue<std::string>("dashboard_type"));
            CPPUNIT_ASSERT_EQUAL(std::string("It's <b>ours</b>"), config->getValue<std::string>("title"));
            CPPUNIT_ASSERT(config->getValue<bool>("dashboard_enabled"));
            CPPUNIT_ASSERT(contains(config->getValue<std::string>("disabled_message"), "Demo <Repo> administrators"));
        });
    }

    void communityPageByIdOrSlug() {
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            PagesWorld p(world);
            for (const char* key : {"c1", "one"}) {
                Response r = p.community(key);
                CPPUNIT_ASSERT_EQUAL(200, r.status);
                auto community = attributeJson(r.body, "data-community");
                CPPUNIT_ASSERT_EQUAL(std::string("c1"), community->getValue<std::string>("id"));
                CPPUNIT_ASSERT_EQUAL(std::string("one"), community->getValue<std::string>("slug"));
                CPPUNIT_ASSERT_EQUAL(std::string("Community One"), community->getObject("metadata")->getValue<std::string>("title"));
                auto config = attributeJson(r.body, "data-dashboard-config");
                CPPUNIT_ASSERT_EQUAL(std::string("community"), config->getValue<std::string>("dashboard_type"));
                CPPUNIT_ASSERT(config->getValue<bool>("show_title"));
                CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "<a href=\"/communities/one\">Community One</a>"));
            }
        });
    }

    void restrictedCommunityFollowsTheApiRules() {
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            PagesWorld p(world);
            Response anonymous = p.community("two");
            CPPUNIT_ASSERT_EQUAL(404, anonymous.status);  // existence not revealed
            CPPUNIT_ASSERT_MESSAGE(anonymous.body, contains(anonymous.body, "Statistics Not Found"));
            CPPUNIT_ASSERT_MESSAGE(anonymous.body, !contains(anonymous.body, "Community Two"));
            Response ingest = p.community("two", {"ingest"});
            CPPUNIT_ASSERT_EQUAL(403, ingest.status);
            CPPUNIT_ASSERT_MESSAGE(ingest.body, contains(ingest.body, "Access Denied"));
            Response reader = p.community("two", {"read-restricted"});
            CPPUNIT_ASSERT_EQUAL(200, reader.status);
            CPPUNIT_ASSERT_EQUAL(std::string("private, no-cache"), header(reader, "Cache-Control"));
        });
    }

    void disabledDashboardsSayNotEnabled() {
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            PagesWorld p(world);
            Response r = p.community("three");  // opted out
            CPPUNIT_ASSERT_EQUAL(404, r.status);
            CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "Dashboard Not Enabled"));
            CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "enable the dashboard from the community settings"));
            CPPUNIT_ASSERT_MESSAGE(r.body, !contains(r.body, "id=\"stats-dashboard\""));
            CPPUNIT_ASSERT_EQUAL(200, p.community("three", {"admin"}).status);  // admins see it anyway
        });
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            AccessPolicy off;
            off.enabledGlobal = false;
            off.enabledCommunity = false;
            PagesWorld p(world, "", true, off);
            const RecordingRegistrar& registrar = p.registrar;
            Response global = registrar.get("/stats");
            CPPUNIT_ASSERT_EQUAL(404, global.status);
            CPPUNIT_ASSERT_MESSAGE(global.body, contains(global.body, "Dashboard Not Enabled"));
            CPPUNIT_ASSERT_MESSAGE(global.body, contains(global.body, "must be enabled by the Demo &lt;Repo&gt; administrators"));
            // Community dashboards switched off as a whole: the global message, not the community one.
            Response one = registrar.get("/communities/{pid_value}/stats", {{"pid_value", "one"}});
            CPPUNIT_ASSERT_EQUAL(404, one.status);
            CPPUNIT_ASSERT_MESSAGE(one.body, contains(one.body, "must be enabled by the Demo &lt;Repo&gt; administrators"));
            CPPUNIT_ASSERT_EQUAL(200, registrar.get("/stats", {}, {"admin"}).status);
        });
    }

    void unknownCommunityIsNotFound() {
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            PagesWorld p(world);
            for (const char* key : {"nope", "global", ""}) {
                Response r = p.community(key);
                CPPUNIT_ASSERT_EQUAL(404, r.status);
                CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "Statistics Not Found"));
            }
            Response hostile = p.community("<script>alert(1)</script>");
            CPPUNIT_ASSERT_EQUAL(404, hostile.status);
            CPPUNIT_ASSERT_MESSAGE(hostile.body, !contains(hostile.body, "<script>alert"));
        });
    }

    void lastUpdatedComesFromTheBookmarks() {
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            PagesWorld p(world);
            CPPUNIT_ASSERT(!attributeJson(p.registrar.get("/stats").body, "data-dashboard-config")->has("last_updated"));
            const std::pair<Family, std::string> bookmarks[] = {{Family::RecordDelta, "2025-06-30"},
                                                                {Family::RecordSnapshot, "2025-06-30"},
                                                                {Family::UsageDelta, "2025-06-29"},
                                                                {Family::UsageSnapshot, "2025-06-30"}};
            for (const auto& [family, day] : bookmarks) world.write(family, "global", {}, day);
            auto config = attributeJson(p.registrar.get("/stats").body, "data-dashboard-config");
            CPPUNIT_ASSERT_EQUAL(std::string("2025-06-29"), config->getValue<std::string>("last_updated"));
            // Another community's bookmarks are its own.
            CPPUNIT_ASSERT(!attributeJson(p.community("c1").body, "data-dashboard-config")->has("last_updated"));
        });
    }

    void assetsComeFromTheManifestOnly() {
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            PagesWorld p(world);
            const std::string route = "/static/stats_dashboard/{path*}";
            Response js = p.registrar.get(route, {{"path", "assets/main-Ab3_x-9Q.js"}});
            CPPUNIT_ASSERT_EQUAL(200, js.status);
            CPPUNIT_ASSERT_EQUAL(std::string("console.log('dashboard');"), js.body);
            CPPUNIT_ASSERT_EQUAL(std::string("text/javascript; charset=utf-8"), js.contentType);
            CPPUNIT_ASSERT_EQUAL(std::string("public, max-age=31536000, immutable"), header(js, "Cache-Control"));
            CPPUNIT_ASSERT_EQUAL(std::string("text/css; charset=utf-8"),
                                 p.registrar.get(route, {{"path", "assets/main-Cd4e5f6G.css"}}).contentType);
            CPPUNIT_ASSERT_EQUAL(200, p.registrar.get(route, {{"path", "assets/lazy-Zz9yy8xx.js"}}).status);
            for (const char* path : {"secret.txt", ".vite/manifest.json", "../dist/secret.txt", ""}) {
                auto [status, message] = dashboard::test::errorOf([&] { p.registrar.get(route, {{"path", path}}); });
                CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 404, status);
            }
        });
    }

    void missingBuildWarnsAndSaysSo() {
        dashboard::test::onBothBackends([](DashboardWorld& world) {
            PagesWorld p(world, "", false);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), p.logger.warnings.size());
            CPPUNIT_ASSERT_MESSAGE(p.logger.warnings[0], contains(p.logger.warnings[0], "manifest.json is missing"));
            Response r = p.registrar.get("/stats");
            CPPUNIT_ASSERT_EQUAL(200, r.status);
            CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "The dashboard UI was not built"));
            auto [status, message] = dashboard::test::errorOf(
                [&] { p.registrar.get("/static/stats_dashboard/{path*}", {{"path", "assets/main-Ab3_x-9Q.js"}}); });
            CPPUNIT_ASSERT_EQUAL(404, status);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PageRoutesTest);
