#pragma once
/// The aggregators of the leaderboard data (issue 8), each the shared driver over its family:
///   CommunityRecordUsageDeltaAggregator → RecordUsageFamily (stats-community-record-usage-delta; param
///       `record_index`, default "stats-record-usage-delta": the per-parent index it also writes)
///   CommunityUploadersDeltaAggregator   → UploadersFamily (stats-community-uploaders-delta, no params)
#include <vector>

#include "AggregatorDriver.h"

namespace statshost::aggregators {

namespace recordusage {
class RecordUsageFamily;
}  // namespace recordusage

class CommunityRecordUsageDeltaAggregator : public FamilyAggregator {
public:
    /// The per-parent index written next to the aggregation's alias when `record_index` is not given.
    static constexpr const char* kDefaultRecordIndex = "stats-record-usage-delta";

    CommunityRecordUsageDeltaAggregator();
    /// The community template and the per-parent template.
    std::vector<IndexTemplate> indexTemplates() const override;

protected:
    std::vector<std::string> allowedParams() const override { return {"record_index"}; }
    void configured(const AggregatorSetup& setup) override;

private:
    explicit CommunityRecordUsageDeltaAggregator(recordusage::RecordUsageFamily* family);
    recordusage::RecordUsageFamily* _usage;  ///< owned by the base
};

class CommunityUploadersDeltaAggregator : public FamilyAggregator {
public:
    CommunityUploadersDeltaAggregator();
};

}  // namespace statshost::aggregators
