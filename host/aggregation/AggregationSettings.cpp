#include "aggregation/AggregationSettings.h"

namespace statshost::aggregation {

namespace {

SubcountSpec specOf(const std::string& name, const records::SubcountSide& side) {
    SubcountSpec spec;
    spec.name = name;
    spec.deltaKey = side.deltaKey;
    spec.snapshotKey = side.snapshotKey;
    spec.top = side.snapshotType == records::SnapshotType::Top;
    spec.facets = side.facets;
    return spec;
}

}  // namespace

AggregationSettings makeAggregationSettings(const config::StatsConfig& stats, const records::SubcountConfig& subcounts) {
    AggregationSettings settings;
    for (const records::Subcount& subcount : subcounts.subcounts) {
        if (subcount.records) settings.recordSubcounts.push_back(specOf(subcount.name, *subcount.records));
        if (subcount.usage) settings.usageSubcounts.push_back(specOf(subcount.name, *subcount.usage));
    }
    settings.topLimit = stats.topSubcountLimit;
    settings.publishedDateFloor = stats.publishedDateFloor;
    settings.catchupDays = stats.catchupInterval;
    return settings;
}

}  // namespace statshost::aggregation
