#pragma once
/// What `statshost status` shows per aggregation and community: the driver's bookmarks (the last
/// correct day, the "<name>#dirty" marker, the "<name>#seq" change watermark) and the stored documents
/// of the aggregation's index (first/last day and count; families are sparse, so the count is of stored
/// documents, not of the dense days a reader sees).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/Storage.h"

namespace statshost::aggregation {

/// Bookmark names the aggregation driver keeps next to `name` (plugins/stats_aggregators/Family.h).
std::string dirtyBookmark(const std::string& aggregation);
std::string seqBookmark(const std::string& aggregation);
/// The community id under which the "#seq" watermark is kept.
constexpr const char* kWatermarkCommunity = "*";

struct CommunityAggregationStatus {
    std::string communityId;
    std::optional<std::string> bookmark;   ///< last day through which documents are correct
    std::optional<std::string> dirtyFrom;  ///< first day that must be recomputed
    std::string firstDay;                  ///< first stored document's day ("" = none)
    std::string lastDay;                   ///< last stored document's day ("" = none)
    std::uint64_t documents = 0;           ///< stored documents
};

struct AggregationStatus {
    std::string name;
    std::string alias;                     ///< the index it writes
    std::optional<std::string> watermark;  ///< "<name>#seq"
    std::vector<CommunityAggregationStatus> communities;  ///< ordered by id; "global" like any other id
};

/// Status of aggregation `name` writing `alias`: every community with a bookmark, a dirty marker or a
/// stored document; only `communityIds` when that is not empty (listed even when they have nothing).
AggregationStatus aggregationStatus(storage::Storage& storage, const std::string& name, const std::string& alias,
                                    const std::vector<std::string>& communityIds = {});

}  // namespace statshost::aggregation
