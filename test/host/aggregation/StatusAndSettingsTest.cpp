// aggregationStatus (bookmarks, dirty markers, stored days per community), makeAggregationSettings, and
// the console progress line.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "../config/ConfigFiles.h"
#include "AggregationTestSupport.h"
#include "aggregation/AggregationSettings.h"
#include "aggregation/AggregationStatus.h"
#include "config/ConfigLoader.h"
#include "plugins/HostServices.h"

using namespace statshost;
using namespace statshost::test;

namespace {

std::string row(const aggregation::CommunityAggregationStatus& c) {
    return c.communityId + " " + c.bookmark.value_or("-") + " " + c.dirtyFrom.value_or("-") + " " +
           (c.firstDay.empty() ? "-" : c.firstDay) + " " + (c.lastDay.empty() ? "-" : c.lastDay) + " " +
           std::to_string(c.documents);
}

std::string spec(const SubcountSpec& s) {
    std::string facets;
    for (const auto& f : s.facets) facets += (facets.empty() ? "" : "+") + f;
    return s.name + ":" + s.deltaKey + "/" + s.snapshotKey + (s.top ? "(top)" : "") + "[" + facets + "]";
}

}  // namespace

class StatusAndSettingsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StatusAndSettingsTest);
    CPPUNIT_TEST(statusPerCommunity);
    CPPUNIT_TEST(statusOfAnAggregationNeverRun);
    CPPUNIT_TEST(settingsFromConfiguration);
    CPPUNIT_TEST(settingsFromDefaults);
    CPPUNIT_TEST(plainProgressLines);
    CPPUNIT_TEST(logProgressLines);
    CPPUNIT_TEST_SUITE_END();

public:
    void statusPerCommunity() {
        onEachBackend([](TestBackend& b) {
            auto store = b.open();
            store->initialize();
            store->registerTemplate({"stats-st", "period_start", "{}", FillRule::None, ""});
            store->upsert("stats-st", {{"c1-a", "c1", "2024-12-30", "{}"},
                                       {"c1-b", "c1", "2025-01-01", "{}"},
                                       {"c1-c", "c1", "2024-12-31", "{}"},
                                       {"g-a", "global", "2023-05-06", "{}"}});
            store->setBookmark("st-agg", "c1", "2025-01-01");
            store->setBookmark("st-agg#dirty", "c1", "2024-12-31");
            store->setBookmark("st-agg", "c2", "2024-02-02");
            store->setBookmark("st-agg#seq", "*", "42");
            store->setBookmark("other-agg", "c3", "2024-01-01");  // another aggregation: not shown

            auto status = aggregation::aggregationStatus(*store, "st-agg", "stats-st");
            CPPUNIT_ASSERT_EQUAL(std::string("st-agg"), status.name);
            CPPUNIT_ASSERT_EQUAL(std::string("42"), status.watermark.value_or(""));
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), status.communities.size());
            CPPUNIT_ASSERT_EQUAL(std::string("c1 2025-01-01 2024-12-31 2024-12-30 2025-01-01 3"), row(status.communities[0]));
            CPPUNIT_ASSERT_EQUAL(std::string("c2 2024-02-02 - - - 0"), row(status.communities[1]));
            CPPUNIT_ASSERT_EQUAL(std::string("global - - 2023-05-06 2023-05-06 1"), row(status.communities[2]));

            auto only = aggregation::aggregationStatus(*store, "st-agg", "stats-st", {"global", "zz"});
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), only.communities.size());
            CPPUNIT_ASSERT_EQUAL(std::string("global - - 2023-05-06 2023-05-06 1"), row(only.communities[0]));
            CPPUNIT_ASSERT_EQUAL(std::string("zz - - - - 0"), row(only.communities[1]));
        });
    }

    void statusOfAnAggregationNeverRun() {
        onEachBackend([](TestBackend& b) {
            auto store = b.open();
            store->initialize();
            auto status = aggregation::aggregationStatus(*store, "new-agg", "stats-not-registered");
            CPPUNIT_ASSERT(!status.watermark);
            CPPUNIT_ASSERT(status.communities.empty());
        });
    }

    void settingsFromConfiguration() {
        ConfigFiles f;
        f.stats =
            "COMMUNITY_STATS_TOP_SUBCOUNT_LIMIT: 5\n"
            "COMMUNITY_STATS_PUBLISHED_DATE_FLOOR: \"1950-01-01\"\n"
            "COMMUNITY_STATS_CATCHUP_INTERVAL: 30\n"
            "COMMUNITY_STATS_SUBCOUNTS:\n"
            "  subcounts:\n"
            "    zeta:\n"
            "      records: {delta: by_zeta, snapshot: top_zetas, snapshot_type: top, facets: [subject, keyword]}\n"
            "    alpha:\n"
            "      usage: {delta: by_alphas, snapshot: all_alphas, snapshot_type: all, facets: [country]}\n"
            "      records: {delta: by_alpha, snapshot: all_alphas, snapshot_type: all, facets: [language]}\n";
        const config::Config cfg = config::loadConfig(f.write(), {});
        const records::SubcountConfig subcounts = records::parseSubcounts(cfg.stats.subcounts);
        const AggregationSettings s = aggregation::makeAggregationSettings(cfg.stats, subcounts);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), s.topLimit);
        CPPUNIT_ASSERT_EQUAL(std::string("1950-01-01"), s.publishedDateFloor);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(30), s.catchupDays);
        // The order of the parsed configuration (SubcountConfig keeps subcounts ordered by name).
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.recordSubcounts.size());
        CPPUNIT_ASSERT_EQUAL(subcounts.subcounts[0].name, s.recordSubcounts[0].name);
        CPPUNIT_ASSERT_EQUAL(std::string("alpha:by_alpha/all_alphas[language]"), spec(s.recordSubcounts[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("zeta:by_zeta/top_zetas(top)[subject+keyword]"), spec(s.recordSubcounts[1]));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), s.usageSubcounts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("alpha:by_alphas/all_alphas[country]"), spec(s.usageSubcounts[0]));
    }

    void settingsFromDefaults() {
        config::StatsConfig stats;  // defaults: top 20, floor 1900-01-01, catch-up 365
        const AggregationSettings s = aggregation::makeAggregationSettings(stats, records::defaultSubcountConfig());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(20), s.topLimit);
        CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01"), s.publishedDateFloor);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(365), s.catchupDays);
        std::size_t records = 0, usage = 0;
        for (const auto& sc : records::defaultSubcountConfig().subcounts) {
            records += sc.records.has_value();
            usage += sc.usage.has_value();
        }
        CPPUNIT_ASSERT_EQUAL(records, s.recordSubcounts.size());
        CPPUNIT_ASSERT_EQUAL(usage, s.usageSubcounts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("access_rights:by_access_right/all_access_rights[access_right]"),
                             spec(s.recordSubcounts[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("access_rights:by_access_rights/all_access_rights[access_right]"),
                             spec(s.usageSubcounts[0]));
        CPPUNIT_ASSERT_EQUAL(
            std::string("affiliations:by_affiliations/top_affiliations(top)[affiliation_creator+affiliation_contributor]"),
            spec(s.usageSubcounts[1]));
    }

    void plainProgressLines() {
        TempDir dir;
        const std::string path = dir.file("progress.txt");
        std::FILE* out = std::fopen(path.c_str(), "w");
        std::uint64_t docs = 100;
        {
            plugins::ConsoleProgress progress(out, 3600);  // not a terminal: a line per begin and end only
            progress.track("docs", [&] { return docs; });
            progress.begin("community-usage-delta-agg", 10, "days");
            progress.advance(4);
            docs = 130;
            progress.advance(1);
            progress.end();
            progress.begin("scan", 0, "events");
            progress.advance(7);
            progress.end();
        }
        std::fclose(out);
        std::ifstream in(path);
        std::vector<std::string> lines;
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), lines.size());
        auto starts = [](const std::string& line, const std::string& prefix) { return line.rfind(prefix, 0) == 0; };
        CPPUNIT_ASSERT_MESSAGE(lines[0], starts(lines[0], "community-usage-delta-agg: 0/10 days 0% 0.0 days/s | 0 docs 0 docs/s | 0:00:00"));
        CPPUNIT_ASSERT_MESSAGE(lines[1], starts(lines[1], "community-usage-delta-agg: 5/10 days 50% "));
        CPPUNIT_ASSERT_MESSAGE(lines[1], lines[1].find(" | 30 docs ") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(lines[1], lines[1].find(" | took 0:00:00") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(lines[3], starts(lines[3], "scan: 7 events "));
        CPPUNIT_ASSERT_EQUAL(std::string("1:02:05"), plugins::formatDuration(3725));
        CPPUNIT_ASSERT_EQUAL(std::string("0:00:00"), plugins::formatDuration(-3));
        CPPUNIT_ASSERT_EQUAL(std::string("100:00:00"), plugins::formatDuration(360000));
    }

    void logProgressLines() {
        LogCapture log("statshost.progress-test");
        plugins::LogProgress progress("statshost.progress-test", 0);  // every advance may log
        progress.begin("agg", 4, "communities");                      // begin and end: debug only
        progress.advance(1);
        progress.advance(2);
        progress.note("a remark");
        progress.end();
        const auto lines = log.lines();
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), lines.size());
        CPPUNIT_ASSERT_MESSAGE(lines[0], lines[0].rfind("statshost.progress-test: agg: 1/4 communities after 0:00:0", 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(lines[1], lines[1].rfind("statshost.progress-test: agg: 3/4 communities after 0:00:0", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(std::string("statshost.progress-test: a remark"), lines[2]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StatusAndSettingsTest);
