#pragma once
/// The AggregationSettings (statshost/Sources.h) aggregators receive, built from the typed
/// configuration: COMMUNITY_STATS_SUBCOUNTS sides and the COMMUNITY_STATS_* limits.
#include "config/Config.h"
#include "records/SubcountConfig.h"
#include "statshost/Sources.h"

namespace statshost::aggregation {

/// Every subcount with a records side becomes a record SubcountSpec, every one with a usage side a usage
/// SubcountSpec (name = the subcount's name), both in the order of `subcounts.subcounts`; topLimit,
/// publishedDateFloor and catchupDays come from `stats`.
AggregationSettings makeAggregationSettings(const config::StatsConfig& stats, const records::SubcountConfig& subcounts);

}  // namespace statshost::aggregation
