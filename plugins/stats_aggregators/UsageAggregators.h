#pragma once
/// The two usage aggregators of STATS_AGGREGATIONS, each the shared driver over its family:
///   CommunityUsageDeltaAggregator    → UsageDeltaFamily    (stats-community-usage-delta, no params; it
///       writes a second, internal index: the label ledger `<templates>-labels`)
///   CommunityUsageSnapshotAggregator → UsageSnapshotFamily (stats-community-usage-snapshot; params
///       delta_index, delta_aggregation, state_index — see UsageSnapshotFamily.h; it writes a second,
///       internal index: the state index, registered with the snapshot's template)
/// The snapshot reads the delta documents: configure it after the delta aggregation.
#include <vector>

#include "AggregatorDriver.h"

namespace statshost::aggregators {

namespace usagestats {
class UsageDeltaFamily;
class UsageSnapshotFamily;
}  // namespace usagestats

class CommunityUsageDeltaAggregator : public FamilyAggregator {
public:
    CommunityUsageDeltaAggregator();
    /// The delta template and the label ledger's template.
    std::vector<IndexTemplate> indexTemplates() const override;

protected:
    void configured(const AggregatorSetup& setup) override;

private:
    explicit CommunityUsageDeltaAggregator(usagestats::UsageDeltaFamily* family);
    usagestats::UsageDeltaFamily* _delta;  ///< owned by the base
};

class CommunityUsageSnapshotAggregator : public FamilyAggregator {
public:
    CommunityUsageSnapshotAggregator();
    /// The snapshot template and the state index template.
    std::vector<IndexTemplate> indexTemplates() const override;

protected:
    std::vector<std::string> allowedParams() const override;
    void configured(const AggregatorSetup& setup) override;

private:
    explicit CommunityUsageSnapshotAggregator(usagestats::UsageSnapshotFamily* family);
    usagestats::UsageSnapshotFamily* _snapshot;  ///< owned by the base
};

}  // namespace statshost::aggregators
