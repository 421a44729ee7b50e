#pragma once
/// The running sums behind the usage snapshot of one community (SEMANTICS §6): totals and, per usage
/// subcount, every item ever seen with the sums of its delta numbers and its first non-empty label.
///
/// Every number is a plain sum of the daily delta documents, the `unique_*` ones included: a cumulative
/// unique_visitors is the sum of daily distinct visitor counts (a visitor coming back on another day
/// counts again), as in the original (BACKEND.md §3.5) and as SEMANTICS §6 asks.
///
/// The snapshot document lists, per subcount, every item (`all`) or the first topLimit items (`top`),
/// ordered by view.total_events + download.total_events descending, then id; items whose numbers are
/// all zero are left out (§10.16). `top` lists need the sums of items outside the top too, so the whole
/// state is kept as a state document (stateDocument / readState) next to the snapshots.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "UsageDeltaText.h"
#include "UsageJson.h"
#include "UsageMetrics.h"
#include "UsageSnapshotRender.h"
#include "statshost/Sources.h"

namespace statshost::aggregators::usagestats {

class UsageSnapshotState {
public:
    explicit UsageSnapshotState(const std::vector<SubcountSpec>& subcounts);

    /// Adds a delta document (parsed); subcount lists are found by their delta keys. The family and the
    /// deriver use the text forms below; these tree forms are their reference (UsageSnapshotTextTest).
    void addDelta(const JsonValue& delta);
    /// Replaces the sums with those of a state document (parsed); lists are found by snapshot keys.
    void readState(const JsonValue& state);
    /// addDelta(parseJson(text)) without the tree (UsageDeltaText.h); invalid JSON throws
    /// std::runtime_error and leaves the sums as they were.
    void addDeltaText(std::string_view text);
    /// readState(parseJson(text)) without the tree; invalid JSON throws and leaves the sums as they were.
    void readStateText(std::string_view text);

    /// True when nothing was ever added.
    bool empty() const { return _empty; }

    std::string snapshotDocument(const std::string& communityId, const std::string& day, const std::string& timestamp,
                                 std::int64_t topLimit) const;
    /// {"render" (UsageSnapshotRender, first), "community_id", "state_date",
    ///  "subcounts": {<snapshot key>: [every item]}, "totals"}
    std::string stateDocument(const std::string& communityId, const std::string& day,
                              const UsageSnapshotRender& render) const;

private:
    struct Entry {
        std::string label;
        UsageMetrics metrics;
    };
    using Items = std::unordered_map<std::string, Entry>;
    void addItems(std::uint32_t subcount, const JsonValue& list);
    /// Adds the items and totals _reader read last.
    void addRead();

    std::vector<SubcountSpec> _specs;
    std::unordered_map<std::string, std::uint32_t> _byDeltaKey;
    std::unordered_map<std::string, std::uint32_t> _bySnapshotKey;
    std::vector<std::string> _deltaKeys;     ///< per subcount, for _reader
    std::vector<std::string> _snapshotKeys;  ///< per subcount, for _reader
    UsageDeltaTextReader _reader;
    std::string _key;  ///< reused for map lookups
    UsageMetrics _totals;
    std::vector<Items> _items;  ///< per subcount
    bool _empty = true;
};

}  // namespace statshost::aggregators::usagestats
