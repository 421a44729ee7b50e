#pragma once
/// Summing the leaderboard documents over a period and ranking the sums (pure functions on parsed
/// documents; LeaderboardService adds titles, permissions and the JSON answer).
#include <map>
#include <string>
#include <vector>

#include "LeaderboardSources.h"

namespace statshost::dashboard {

/// A record version (or a parent) and its usage summed over the period.
struct RecordUsage {
    std::string id;      ///< version id, or the parent id at parent level
    std::string parent;  ///< parent id
    UsageNumbers numbers;
};

/// Sums F1 documents per version (`records[]`) or per parent (`parents[]`: the parent's uniques are
/// distinct visitors over its versions, so they are never the sum of the versions'). Unordered.
std::vector<RecordUsage> sumRecordUsage(const std::vector<rapidjson::Document>& docs, bool parentLevel);

/// The value ranked by `metric` (views|downloads|volume|unique_views|unique_downloads).
double metricValue(const UsageNumbers& numbers, const std::string& metric);

/// Orders by `metric` descending, ties by id ascending; entries whose metric is 0 are dropped.
void rankRecords(std::vector<RecordUsage>& items, const std::string& metric);

/// An uploader's records created in the period (F3 `uploaders[]` summed).
struct UploaderTotals {
    std::string id;  ///< owner id as stored
    std::int64_t records = 0;
    std::int64_t parents = 0;
    double dataVolume = 0;
};

/// Sums F3 documents per owner and orders by `metric` (records|parents|volume) descending, ties by
/// id ascending; owners with nothing in the metric are dropped.
std::vector<UploaderTotals> rankUploaders(const std::vector<rapidjson::Document>& docs, const std::string& metric);

/// A community's numbers in the period.
struct CommunityTotals {
    std::int64_t records = 0;    ///< records-delta-added `records_added` summed
    std::int64_t views = 0;      ///< F1 `totals.views` summed
    std::int64_t downloads = 0;  ///< F1 `totals.downloads` summed
};

/// Sums `records_added` of record delta documents.
std::int64_t sumRecordsAdded(const std::vector<rapidjson::Document>& docs);
/// Sums `totals` of F1 documents.
UsageNumbers sumTotals(const std::vector<rapidjson::Document>& docs);
/// The value ranked by `metric` (records|views|downloads).
std::int64_t communityMetric(const CommunityTotals& totals, const std::string& metric);

}  // namespace statshost::dashboard
