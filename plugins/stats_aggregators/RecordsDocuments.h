#pragma once
/// The JSON of the records documents (SEMANTICS §4, §5, §7, §9.1; shapes of
/// ../shared/spec/examples/stats-community-records-*.json), written by hand with keys in alphabetical
/// order. Every configured subcount key is present ([] when empty). Delta lists hold every touched item
/// ordered by records added + removed descending, then id; snapshot lists hold the items with records,
/// ordered by records descending, then id, `top` lists cut after COMMUNITY_STATS_TOP_SUBCOUNT_LIMIT.
/// Byte volumes are numbers written with ".0".
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "RecordsSweep.h"

namespace statshost::aggregators {

/// A snapshot without its community, date and timestamp: what "differs from the day before" compares.
struct SnapshotContent {
    std::string subcounts;  ///< the value of "subcounts"
    std::string totals;     ///< `"total_files":...,"total_uploaders":N` (members, no braces)
    bool operator==(const SnapshotContent& o) const { return subcounts == o.subcounts && totals == o.totals; }
    bool operator!=(const SnapshotContent& o) const { return !(*this == o); }
};

class RecordsDocumentWriter {
public:
    RecordsDocumentWriter(const RecordsCatalog& catalog, std::int64_t topLimit);

    std::string deltaBody(const std::string& community, const DayDelta& delta, const std::string& timestamp);
    /// Not const: keeps each item's list entry and reuses it while the item's counts stay the same.
    SnapshotContent snapshotContent(const RecordsSweep& sweep);
    std::string snapshotBody(const std::string& community, DayNumber day, const SnapshotContent& content,
                             const std::string& timestamp) const;

private:
    const RecordsCatalog& _catalog;
    std::int64_t _topLimit;
    std::vector<std::pair<std::string, std::size_t>> _deltaKeys;     ///< sorted (key, spec)
    std::vector<std::pair<std::string, std::size_t>> _snapshotKeys;  ///< sorted (key, spec)
    std::vector<std::vector<const ItemDelta*>> _bySpec;               ///< scratch of deltaBody
    std::vector<std::string> _idLabel;  ///< per item: `,"id":...,"label":...` (escaped once)
    /// Per item: the snapshot list entry last written and the counts it shows.
    struct SnapshotEntry {
        bool valid = false;
        ItemState state;
        std::string json;
    };
    std::vector<SnapshotEntry> _snapshotEntries;
    std::size_t _lastSubcountsSize = 0;  ///< to reserve the next snapshot's subcounts text
    const std::string& snapshotEntry(std::int32_t item, const ItemState& state);
};

/// Document id `<community>-<YYYY-MM-DD>`.
std::string documentId(const std::string& community, DayNumber day);

}  // namespace statshost::aggregators
