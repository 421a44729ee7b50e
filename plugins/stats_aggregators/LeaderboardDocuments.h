#pragma once
/// The document bodies of the leaderboard data families (issue 8; the shapes are a contract with the
/// queries, see docs/architecture.md "Leaderboard data"). Byte counts are written as `N.0` like every
/// other volume; lists are written in the order given (callers sort them by id, bytewise).
///
///   F1 stats-community-record-usage-delta:
///     {"community_id", "period_start", "period_end", "timestamp", "totals": {numbers},
///      "records": [{"id", "parent", numbers}], "parents": [{"id", numbers, "versions"}]}
///   F2 stats-record-usage-delta:
///     {"parent_id", "period_start", "period_end", "timestamp", "versions": [{"id", numbers}],
///      "all_versions": {numbers}}
///   F3 stats-community-uploaders-delta:
///     {"community_id", "period_start", "period_end", "timestamp", "records_added",
///      "uploaders": [{"id", "records", "parents", "data_volume"}]}
///   numbers: "views", "unique_views", "downloads", "unique_downloads", "data_volume".
#include <cstdint>
#include <string>
#include <vector>

#include "Family.h"
#include "UsageMetrics.h"

namespace statshost::aggregators::leaderboard {

/// One version's usage of a day.
struct VersionUsage {
    std::string id;
    std::string parent;  ///< "" when unknown
    usagestats::UsageMetrics metrics;
};

/// One parent's usage of a day (distinct visitors over all its versions).
struct ParentUsage {
    std::string id;
    usagestats::UsageMetrics metrics;
    std::int64_t versions = 0;  ///< versions with events that day
};

/// One uploader's records entering a community on a day.
struct UploaderAdded {
    std::string id;
    std::int64_t records = 0;
    std::int64_t parents = 0;
    std::int64_t volume = 0;  ///< bytes
};

std::string communityRecordUsageBody(const std::string& communityId, DayNumber day, const std::string& timestamp,
                                     const usagestats::UsageMetrics& totals, const std::vector<VersionUsage>& records,
                                     const std::vector<ParentUsage>& parents);

std::string parentUsageBody(const std::string& parentId, DayNumber day, const std::string& timestamp,
                            const std::vector<VersionUsage>& versions, const usagestats::UsageMetrics& allVersions);

std::string uploadersBody(const std::string& communityId, DayNumber day, const std::string& timestamp,
                          std::int64_t recordsAdded, const std::vector<UploaderAdded>& uploaders);

}  // namespace statshost::aggregators::leaderboard
