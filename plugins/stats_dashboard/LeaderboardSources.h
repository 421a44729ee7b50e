#pragma once
/// The per-record usage and uploader documents the leaderboards read (issue 8; written by the
/// stats_aggregators plugin, see docs/api.md "Leaderboards"):
///
///   F1 `stats-community-record-usage-delta`  one document per (community incl. "global", day) with usage:
///        totals, records[] (per version) and parents[] (per parent; uniques are distinct visitors)
///   F2 `stats-record-usage-delta`            one document per (parent, day); Document::communityId = parent id
///   F3 `stats-community-uploaders-delta`     one document per (community incl. "global", day) on which
///        records were created: records_added and uploaders[] ({id, records, parents, data_volume})
///
/// None is filled: a day without usage (or uploads) has no document, so readers scan the stored ones.
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "DocumentSource.h"

namespace statshost::dashboard {

/// F1, F2, F3 with the aggregations writing them (their bookmarks make the cache generation).
const FamilyIndex& communityRecordUsageIndex();
const FamilyIndex& recordUsageIndex();
const FamilyIndex& communityUploadersIndex();

/// The stored documents of `communityId` in [startDate, endDate] (empty = unbounded), parsed, in day
/// order; none while the index is not registered yet (its aggregation has not run). A stored body
/// that is not a JSON object is an Error.
std::vector<rapidjson::Document> scanDocuments(DocumentStore& store, const FamilyIndex& index,
                                               const std::string& communityId, const std::string& startDate,
                                               const std::string& endDate);

/// The five usage numbers of a record, a parent or a community.
struct UsageNumbers {
    std::int64_t views = 0;
    std::int64_t uniqueViews = 0;
    std::int64_t downloads = 0;
    std::int64_t uniqueDownloads = 0;
    double dataVolume = 0;

    /// Adds the members `views`, `unique_views`, `downloads`, `unique_downloads`, `data_volume` of
    /// `object` (absent or non-numeric members count 0).
    void add(const rapidjson::Value& object);
};

/// Integer members read leniently: 0 when `object` is not an object or lacks a numeric `name`.
std::int64_t intMember(const rapidjson::Value& object, const char* name);
double numberMember(const rapidjson::Value& object, const char* name);
/// A string member, "" when absent or not a string.
std::string stringMember(const rapidjson::Value& object, const char* name);

}  // namespace statshost::dashboard
