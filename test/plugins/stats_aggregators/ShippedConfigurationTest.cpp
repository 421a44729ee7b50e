// The real stats_aggregators module loaded by the host from the shipped conf/stats.yaml: the nine
// aggregations in run order, their templates, and one full run through the AggregationRunner.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

#include "AggregationHarness.h"
#include "aggregation/AggregationRunner.h"
#include "aggregation/AggregationSettings.h"
#include "config/ConfigLoader.h"
#include "plugins/ExtensionRegistry.h"
#include "records/SubcountConfig.h"

using namespace statshost;
using namespace statshost::test;

namespace {

/// statshost.yaml naming the built plugins and the shipped conf/stats.yaml.
std::string writeConfig(const TempDir& dir) {
    const std::string plugins = STATSHOST_PLUGIN_DIR;
    std::ofstream(dir.file("statshost.yaml"))
        << "plugins:\n"
        << "  stats_components: " << plugins << "/libstats_components.so\n"
        << "  stats_aggregators: " << plugins << "/libstats_aggregators.so\n"
        << "include:\n"
        << "  stats: " << STATSHOST_SOURCE_DIR << "/conf/stats.yaml\n"
        << "  dashboard: dashboard.yaml\n";
    std::ofstream(dir.file("dashboard.yaml")) << "STATS_DASHBOARD_ENABLED_GLOBAL: false\n";
    return dir.file("statshost.yaml");
}

}  // namespace

class ShippedConfigurationTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ShippedConfigurationTest);
    CPPUNIT_TEST(nineAggregationsInRunOrder);
    CPPUNIT_TEST(fullRunThroughTheRunner);
    CPPUNIT_TEST_SUITE_END();

public:
    void nineAggregationsInRunOrder() {
        TempDir dir;
        auto registry = plugins::ExtensionRegistry::load(config::loadConfig(writeConfig(dir), {}));
        const std::vector<std::pair<std::string, std::string>> expected = {
            {"community-records-delta-created-agg", "stats-community-records-delta-created"},
            {"community-records-snapshot-created-agg", "stats-community-records-snapshot-created"},
            {"community-records-delta-published-agg", "stats-community-records-delta-published"},
            {"community-records-snapshot-published-agg", "stats-community-records-snapshot-published"},
            {"community-records-delta-added-agg", "stats-community-records-delta-added"},
            {"community-records-snapshot-added-agg", "stats-community-records-snapshot-added"},
            {"community-usage-delta-agg", "stats-community-usage-delta"},
            {"community-usage-snapshot-agg", "stats-community-usage-snapshot"},
            {"community-record-usage-delta-agg", "stats-community-record-usage-delta"},
            {"community-uploaders-delta-agg", "stats-community-uploaders-delta"},
            {"community-events-agg", "stats-community-events"},
        };
        const auto& entries = registry->aggregators();
        CPPUNIT_ASSERT_EQUAL(expected.size(), entries.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            CPPUNIT_ASSERT_EQUAL(expected[i].first, entries[i].config.name);
            CPPUNIT_ASSERT_EQUAL(expected[i].second, entries[i].config.templates);
            auto templates = entries[i].object->indexTemplates();
            CPPUNIT_ASSERT(!templates.empty());
            CPPUNIT_ASSERT_EQUAL(expected[i].second, templates[0].alias);
            const bool records = i < 6;
            if (records) {
                CPPUNIT_ASSERT_EQUAL(expected[i].first, templates[0].extentBookmark);
                CPPUNIT_ASSERT(templates[0].fill == (i % 2 == 0 ? FillRule::Zero : FillRule::CarryForward));
            }
        }
        CPPUNIT_ASSERT(entries[10].object->indexTemplates()[0].fill == FillRule::None);
        CPPUNIT_ASSERT_EQUAL(std::size_t(11), registry->loader().classes("stats_aggregators", "Aggregator").size());
    }

    void fullRunThroughTheRunner() {
        onBothBackends([](TestBackend& backend) {
            TempDir dir;
            const config::Config cfg = config::loadConfig(writeConfig(dir), {});
            auto registry = plugins::ExtensionRegistry::load(cfg);
            AggregationHarness h(backend);
            h.community("c1");
            h.at("2024-03-01T10:00:00Z");
            TestRecord r1("r1", "p1");
            r1.communities = "c1";
            r1.files = {{"a.pdf", 100, ""}};
            h.publish(r1);
            h.at("2024-03-02T10:00:00Z");
            h.publish(TestRecord("r2", "p2"));
            for (const auto& entry : registry->aggregators())
                for (const IndexTemplate& t : entry.object->indexTemplates()) h.storage().registerTemplate(t);

            const AggregationSettings settings =
                aggregation::makeAggregationSettings(cfg.stats, records::parseSubcounts(cfg.stats.subcounts));
            aggregation::AggregationRunner runner(registry->aggregators(), h.storage(), h.source(), settings,
                                                  h.repo().clock(), h.progress());
            aggregation::RunOptions options;
            options.request.asOfDay = "2024-03-03";
            auto report = runner.run(options);
            std::string failures;
            for (const auto& o : report.outcomes)
                if (!o.ok) failures += o.name + ": " + o.failure + (o.result.errors.empty() ? "" : o.result.errors[0]) + "\n";
            CPPUNIT_ASSERT_MESSAGE(failures, report.ok());
            CPPUNIT_ASSERT_EQUAL(std::size_t(11), report.outcomes.size());

            auto delta = h.day("stats-community-records-delta-added", "global", "2024-03-02");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(delta, "records.added.metadata_only"));
            auto snap = h.day("stats-community-records-snapshot-created", "c1", "2024-03-03");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(snap, "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(100), intAt(snap, "total_files.data_volume"));
            auto published = h.dense("stats-community-records-snapshot-published", "global", "2024-01-01", "2024-03-03");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(published.back(), "total_records.metadata_only") +
                                                      intAt(published.back(), "total_records.with_files"));
            // A second run with nothing new writes nothing.
            auto again = runner.run(options);
            CPPUNIT_ASSERT(again.ok());
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), again.documents());
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ShippedConfigurationTest);
