// Loading and running the real aggregators for the cross-check.
#include "ReferenceAggregators.h"

#include "aggregation/AggregationRunner.h"
#include "aggregation/HostAggregationSource.h"
#include "config/ConfigLoader.h"
#include "host/config/ConfigFiles.h"
#include "plugins/HostServices.h"
#include "records/Dates.h"

namespace statshost::test::reference {

namespace {

/// name, class, index alias — deltas before the snapshots that may read them.
const char* const kAggregations[][3] = {
    {"community-records-delta-created-agg", "CommunityRecordsDeltaCreatedAggregator",
     "stats-community-records-delta-created"},
    {"community-records-snapshot-created-agg", "CommunityRecordsSnapshotCreatedAggregator",
     "stats-community-records-snapshot-created"},
    {"community-records-delta-added-agg", "CommunityRecordsDeltaAddedAggregator", "stats-community-records-delta-added"},
    {"community-records-snapshot-added-agg", "CommunityRecordsSnapshotAddedAggregator",
     "stats-community-records-snapshot-added"},
    {"community-records-delta-published-agg", "CommunityRecordsDeltaPublishedAggregator",
     "stats-community-records-delta-published"},
    {"community-records-snapshot-published-agg", "CommunityRecordsSnapshotPublishedAggregator",
     "stats-community-records-snapshot-published"},
    {"community-usage-delta-agg", "CommunityUsageDeltaAggregator", "stats-community-usage-delta"},
    {"community-usage-snapshot-agg", "CommunityUsageSnapshotAggregator", "stats-community-usage-snapshot"},
    {"community-events-agg", "CommunityEventsIndexAggregator", "stats-community-events"},
};

class QuietProgress : public Progress {
public:
    void begin(const std::string&, std::uint64_t, const std::string&) override {}
    void advance(std::uint64_t) override {}
    void note(const std::string&) override {}
    void end() override {}
};

}  // namespace

std::string isoCodesPath() { return "/usr/share/iso-codes/json/iso_3166-1.json"; }

Aggregators::Aggregators() {
    ConfigFiles files;
    files.main = "plugins:\n  stats_aggregators: " + std::string(STATSHOST_PLUGIN_DIR) + "/libstats_aggregators.so\n";
    files.stats = "STATS_AGGREGATIONS:\n";
    for (const auto& a : kAggregations)
        files.stats += std::string("  ") + a[0] + ": {plugin: stats_aggregators, class: " + a[1] + ", templates: " +
                       a[2] + "}\n";
    _registry = plugins::ExtensionRegistry::load(config::loadConfig(files.write(), {}));
}

Aggregators::~Aggregators() = default;

std::size_t Aggregators::count() const { return _registry->aggregators().size(); }

void Aggregators::registerTemplates(DocumentStore& store) const {
    for (const auto& entry : _registry->aggregators())
        for (const auto& t : entry.object->indexTemplates()) store.registerTemplate(t);
}

std::string Aggregators::run(DocumentStore& store, storage::Database& sourceDb, const AggregationSettings& settings,
                             const std::string& asOfDay, bool tick) const {
    aggregation::HostAggregationSource source(sourceDb, isoCodesPath());
    plugins::ManualClock clock(*records::parseTimestampMicros(asOfDay + "T23:30:00Z"));
    QuietProgress progress;
    aggregation::AggregationRunner runner(_registry->aggregators(), store, source, settings, clock, progress);
    aggregation::RunOptions options;
    options.request.asOfDay = asOfDay;
    options.request.tick = tick;
    auto report = runner.run(options);
    if (report.ok()) return "";
    std::string failure = report.skipped ? "skipped (lock held)" : report.cancelled ? "cancelled" : "";
    for (const auto& o : report.outcomes) {
        if (o.ok) continue;
        failure += " " + o.name + ": " + o.failure;
        for (const auto& e : o.result.errors) failure += " [" + e + "]";
    }
    return failure;
}

}  // namespace statshost::test::reference
