// The shipped page templates (templates/) rendered by PageTemplates: structure of the boot element,
// escaping of hostile values, the "UI not built" message, template errors.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

#include "PageTemplates.h"
#include "statshost/Errors.h"
#include "support/TestBackends.h"
#include "support/TestEnv.h"

using namespace statshost;
using namespace statshost::dashboard;
using statshost::test::contains;

namespace {

const std::string kTemplates = std::string(STATSHOST_SOURCE_DIR) + "/templates";
const std::string kHostile = "</script><img src=x onerror=alert(1)> \"quoted\" 'single' & {{mustache}}";

UiAssets builtAssets() {
    UiAssets a;
    a.built = true;
    a.script = "/static/stats_dashboard/assets/stats-dashboard-abc12345.js";
    a.styles = {"/static/stats_dashboard/assets/stats-dashboard-def67890.css"};
    return a;
}

}  // namespace

class PageTemplatesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PageTemplatesTest);
    CPPUNIT_TEST(globalPageHasTheBootElementAndBundles);
    CPPUNIT_TEST(communityPageCarriesTheCommunity);
    CPPUNIT_TEST(hostileValuesAreEscapedEverywhere);
    CPPUNIT_TEST(missingBuildSaysSo);
    CPPUNIT_TEST(messagePageShowsHeadingAndText);
    CPPUNIT_TEST(templateErrorsNameTheRoleAndFile);
    CPPUNIT_TEST_SUITE_END();

public:
    void globalPageHasTheBootElementAndBundles() {
        PageTemplates t = PageTemplates::load(kTemplates, TemplateNames{}, "STATS_DASHBOARD_TEMPLATES");
        PageView v;
        v.pageTitle = "Statistics | statshost";
        v.dashboardConfig = R"({"dashboard_type":"global"})";
        v.title = "Statistics";
        v.showTitle = true;
        const std::string html = t.render(v, builtAssets());
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "<!DOCTYPE html>"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "<html lang=\"en\">"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "<title>Statistics | statshost</title>"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "<div id=\"stats-dashboard\" data-dashboard-config=\"{&quot;dashboard_type&quot;:&quot;global&quot;}\" data-community=\"null\"></div>"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "<script type=\"module\" src=\"/static/stats_dashboard/assets/stats-dashboard-abc12345.js\"></script>"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "<link rel=\"stylesheet\" href=\"/static/stats_dashboard/assets/stats-dashboard-def67890.css\">"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "<h1 class=\"page-heading\">Statistics</h1>"));
        CPPUNIT_ASSERT_MESSAGE(html, !contains(html, "{{") && !contains(html, "}}"));  // no template text leaks
        CPPUNIT_ASSERT_MESSAGE(html, !contains(html, "it reads"));                       // comments stay out
        v.showTitle = false;
        CPPUNIT_ASSERT(!contains(t.render(v, builtAssets()), "page-heading\">"));
    }

    void communityPageCarriesTheCommunity() {
        PageTemplates t = PageTemplates::load(kTemplates, TemplateNames{}, "T");
        PageView v;
        v.kind = "community";
        v.community = R"({"id":"c1","slug":"one"})";
        v.communityTitle = "Community One";
        v.communityUrl = "/communities/one";
        const std::string html = t.render(v, builtAssets());
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "data-community=\"{&quot;id&quot;:&quot;c1&quot;,&quot;slug&quot;:&quot;one&quot;}\""));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "<a href=\"/communities/one\">Community One</a>"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "id=\"stats-dashboard\""));
    }

    void hostileValuesAreEscapedEverywhere() {
        PageTemplates t = PageTemplates::load(kTemplates, TemplateNames{}, "T");
        PageView v;
        v.kind = "community";
        v.pageTitle = kHostile;
        v.title = kHostile;
        v.showTitle = true;
        v.communityTitle = kHostile;
        v.communityUrl = "/communities/\"><script>x</script>";
        v.dashboardConfig = "{\"title\":\"" + kHostile + "\"}";
        v.community = "{\"metadata\":{\"title\":\"" + kHostile + "\"}}";
        const std::string html = t.render(v, builtAssets());
        CPPUNIT_ASSERT_MESSAGE(html, !contains(html, "<img"));
        CPPUNIT_ASSERT_MESSAGE(html, !contains(html, "</script><"));
        CPPUNIT_ASSERT_MESSAGE(html, !contains(html, "<script>x"));
        CPPUNIT_ASSERT_MESSAGE(html, !contains(html, "'single'"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &apos;single&apos; &amp; {{mustache}}"));
        // Only the one module script of the bundle.
        std::size_t scripts = 0;
        for (std::size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), scripts);
    }

    void missingBuildSaysSo() {
        PageTemplates t = PageTemplates::load(kTemplates, TemplateNames{}, "T");
        UiAssets none;
        none.problem = "no UI build: /x/.vite/manifest.json is missing";
        const std::string html = t.render(PageView{}, none);
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "The dashboard UI was not built"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "/x/.vite/manifest.json is missing"));
        CPPUNIT_ASSERT_MESSAGE(html, !contains(html, "id=\"stats-dashboard\""));
        CPPUNIT_ASSERT_MESSAGE(html, !contains(html, "<script"));
    }

    void messagePageShowsHeadingAndText() {
        PageTemplates t = PageTemplates::load(kTemplates, TemplateNames{}, "T");
        PageView v;
        v.kind = "message";
        v.status = 404;
        v.heading = "Dashboard Not Enabled";
        v.message = "Ask <the> admins";
        const std::string html = t.render(v, builtAssets());
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "<h1>Dashboard Not Enabled</h1>"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "Ask &lt;the&gt; admins"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "data-status=\"404\""));
        CPPUNIT_ASSERT_MESSAGE(html, !contains(html, "stats-dashboard\""));
    }

    void templateErrorsNameTheRoleAndFile() {
        test::TempDir dir;
        for (const char* f : {"page.html", "stats_dashboard_macro.html", "stats_dashboard.html",
                              "community_stats_dashboard.html", "stats_dashboard_message.html"})
            std::ofstream(dir.file(f)) << "ok";
        std::ofstream(dir.file("stats_dashboard.html")) << "{{#open}} never closed";
        try {
            PageTemplates::load(dir.path(), TemplateNames{}, "STATS_DASHBOARD_TEMPLATES");
            CPPUNIT_FAIL("an unclosed section must be rejected");
        } catch (const ConfigError& e) {
            const std::string m = e.what();
            CPPUNIT_ASSERT_MESSAGE(m, contains(m, "STATS_DASHBOARD_TEMPLATES.global") && contains(m, "stats_dashboard.html"));
        }
        std::remove(dir.file("page.html").c_str());
        try {
            PageTemplates::load(dir.path(), TemplateNames{}, "STATS_DASHBOARD_TEMPLATES");
            CPPUNIT_FAIL("a missing template must be rejected");
        } catch (const ConfigError& e) {
            const std::string m = e.what();
            CPPUNIT_ASSERT_MESSAGE(m, contains(m, "STATS_DASHBOARD_TEMPLATES.page") && contains(m, "cannot be read"));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PageTemplatesTest);
