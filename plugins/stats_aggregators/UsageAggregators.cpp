#include "UsageAggregators.h"

#include "UsageDeltaFamily.h"
#include "UsageSnapshotFamily.h"

namespace statshost::aggregators {

CommunityUsageDeltaAggregator::CommunityUsageDeltaAggregator()
    : CommunityUsageDeltaAggregator(new usagestats::UsageDeltaFamily()) {}

CommunityUsageDeltaAggregator::CommunityUsageDeltaAggregator(usagestats::UsageDeltaFamily* family)
    : FamilyAggregator(std::unique_ptr<Family>(family)), _delta(family) {}

void CommunityUsageDeltaAggregator::configured(const AggregatorSetup& setup) {
    _delta->setNames(setup.name, setup.templates);
}

std::vector<IndexTemplate> CommunityUsageDeltaAggregator::indexTemplates() const {
    auto templates = FamilyAggregator::indexTemplates();
    templates.push_back(_delta->labelsTemplate());
    return templates;
}

CommunityUsageSnapshotAggregator::CommunityUsageSnapshotAggregator()
    : CommunityUsageSnapshotAggregator(new usagestats::UsageSnapshotFamily()) {}

CommunityUsageSnapshotAggregator::CommunityUsageSnapshotAggregator(usagestats::UsageSnapshotFamily* family)
    : FamilyAggregator(std::unique_ptr<Family>(family)), _snapshot(family) {}

std::vector<std::string> CommunityUsageSnapshotAggregator::allowedParams() const {
    return {"delta_index", "delta_aggregation", "state_index"};
}

void CommunityUsageSnapshotAggregator::configured(const AggregatorSetup& setup) {
    _snapshot->setNames(setup.name, setup.templates, setup.params.getString("delta_index", ""),
                        setup.params.getString("delta_aggregation", ""), setup.params.getString("state_index", ""));
}

std::vector<IndexTemplate> CommunityUsageSnapshotAggregator::indexTemplates() const {
    auto templates = FamilyAggregator::indexTemplates();
    templates.push_back(_snapshot->stateTemplate());
    return templates;
}

}  // namespace statshost::aggregators
