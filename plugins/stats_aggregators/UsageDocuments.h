#pragma once
/// The two document shapes of the usage families (examples/stats-community-usage-{delta,snapshot}.json),
/// members in the seed's alphabetical order:
///   delta:    {community_id, period_end, period_start, subcounts{<delta key>: [item…]}, timestamp, totals}
///   snapshot: {community_id, snapshot_date, subcounts{<snapshot key>: [item…]}, timestamp, totals}
///   item:     {download{total_events, total_volume, unique_files, unique_parents, unique_records,
///              unique_visitors}, id, label, view{total_events, unique_parents, unique_records, unique_visitors}}
/// Every configured subcount key is present (`[]` when empty). Lists are ordered by
/// view.total_events + download.total_events descending, then id ascending (bytewise, SEMANTICS §9.11).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "UsageMetrics.h"

namespace statshost::aggregators::usagestats {

struct UsageItem {
    std::string id;
    std::string label;
    UsageMetrics metrics;
};

/// Sorts items into list order.
void sortItems(std::vector<UsageItem>& items);
/// Keeps the first `limit` items in list order.
void sortItems(std::vector<UsageItem>& items, std::size_t limit);

/// One subcount list of a document: its key and its items, already in list order (and cut).
using UsageList = std::pair<std::string, std::vector<UsageItem>>;

/// `lists` in any order (they are written sorted by key).
std::string deltaDocument(const std::string& communityId, const std::string& day, const std::string& timestamp,
                          const UsageMetrics& totals, std::vector<UsageList>& lists);
std::string snapshotDocument(const std::string& communityId, const std::string& day, const std::string& timestamp,
                             const UsageMetrics& totals, std::vector<UsageList>& lists);

/// Document ids: `<community_id>-<YYYY-MM-DD>`.
inline std::string documentId(const std::string& communityId, const std::string& day) { return communityId + "-" + day; }

}  // namespace statshost::aggregators::usagestats
