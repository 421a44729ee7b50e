#include "LeaderboardAggregators.h"

#include "RecordUsageFamily.h"
#include "UploadersFamily.h"
#include "statshost/Errors.h"

namespace statshost::aggregators {

CommunityRecordUsageDeltaAggregator::CommunityRecordUsageDeltaAggregator()
    : CommunityRecordUsageDeltaAggregator(new recordusage::RecordUsageFamily()) {}

CommunityRecordUsageDeltaAggregator::CommunityRecordUsageDeltaAggregator(recordusage::RecordUsageFamily* family)
    : FamilyAggregator(std::unique_ptr<Family>(family)), _usage(family) {}

void CommunityRecordUsageDeltaAggregator::configured(const AggregatorSetup& setup) {
    const std::string recordIndex = setup.params.getString("record_index", kDefaultRecordIndex);
    if (recordIndex.empty() || recordIndex == setup.templates)
        throw ConfigError("STATS_AGGREGATIONS." + setup.name + ".params.record_index",
                          "must name an index other than the aggregation's templates");
    _usage->setNames(setup.name, setup.templates, recordIndex);
}

std::vector<IndexTemplate> CommunityRecordUsageDeltaAggregator::indexTemplates() const {
    auto templates = FamilyAggregator::indexTemplates();
    templates.push_back(_usage->recordTemplate());
    return templates;
}

CommunityUploadersDeltaAggregator::CommunityUploadersDeltaAggregator()
    : FamilyAggregator(std::make_unique<leaderboard::UploadersFamily>()) {}

}  // namespace statshost::aggregators
