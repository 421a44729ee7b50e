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

/// An item by reference (the usage delta renders a day without copying ids and labels).
struct UsageItemView {
    const std::string* id;
    const std::string* label;
    const UsageMetrics* metrics;
};
/// Sorts item views into list order.
void sortItems(std::vector<UsageItemView>& items);

/// One subcount list by reference: its key and its item views, already in list order.
using UsageListView = std::pair<const std::string*, const std::vector<UsageItemView>*>;

/// Appends the delta document of deltaDocument() to `out`, its lists given by reference and already
/// ordered by key (byte for byte the text deltaDocument() writes for the same lists).
void appendDeltaDocument(std::string& out, const std::string& communityId, const std::string& day,
                         const std::string& timestamp, const UsageMetrics& totals, const std::vector<UsageListView>& lists);

/// Document ids: `<community_id>-<YYYY-MM-DD>`.
inline std::string documentId(const std::string& communityId, const std::string& day) { return communityId + "-" + day; }

}  // namespace statshost::aggregators::usagestats
