#pragma once
/// RecordsSweep: the counts of SEMANTICS §4 for one community, by sweeping the presence intervals'
/// boundaries in day order with reference counts. Work is O(boundaries · values per record) plus the
/// visitor's; days without a boundary cost nothing.
///
/// State (end of the last processed day), every count a reference count that is read where it crosses
/// zero:
///   - records per class (index 0 = metadata_only, 1 = with_files) and their files;
///   - parents: versions present per (parent, class); a parent is with_files when one present version
///     has files, else metadata_only — a parent changing class is removed from one class and added to
///     the other;
///   - uploaders: present records per owner;
///   - per subcount item: records per class, its files (file types: only that type's), parents with
///     the value per class (same rule, over the versions carrying the value), and an order
///     (records descending, id ascending) kept in one ordered set per subcount.
/// A day's delta: records that entered (S \ P) and left (P \ S), parents whose class changed, the
/// entering records' files and distinct owners, and the same per touched item.
///
/// One sweep object serves many communities in turn (scratch arrays sized to the catalog are reused).
/// Not thread safe.
#include <array>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <vector>

#include "PresenceIntervals.h"
#include "RecordsCatalog.h"

namespace statshost::aggregators {

struct FileTotals {
    std::int64_t count = 0;
    std::int64_t volume = 0;
};

/// Counts per class: [0] metadata_only, [1] with_files.
using ClassCounts = std::array<std::int64_t, 2>;

struct ItemDelta {
    std::int32_t item = 0;
    std::int64_t totalBefore = 0;  ///< the item's records before the day
    ClassCounts recordsAdded{}, recordsRemoved{}, parentsAdded{}, parentsRemoved{};
    FileTotals filesAdded, filesRemoved;
};

struct DayDelta {
    DayNumber day = 0;
    ClassCounts recordsAdded{}, recordsRemoved{}, parentsAdded{}, parentsRemoved{};
    FileTotals filesAdded, filesRemoved;
    std::int64_t uploaders = 0;   ///< distinct owners of the entering records
    std::vector<ItemDelta> items;  ///< every item touched on the day, in no particular order
};

struct ItemState {
    ClassCounts records{}, parents{};
    FileTotals files;
};

struct SweepTotals {
    ClassCounts records{}, parents{};
    FileTotals files;
    std::int64_t uploaders = 0;  ///< distinct owners of the present records
};

class RecordsSweep;

class SweepVisitor {
public:
    virtual ~SweepVisitor() = default;
    /// Before the changes of boundary day `day` (the state is the end of the previous boundary day).
    virtual void before(DayNumber day, const RecordsSweep& sweep) = 0;
    /// After them: the state is the end of `delta.day`.
    virtual void after(const DayDelta& delta, const RecordsSweep& sweep) = 0;
};

class RecordsSweep {
public:
    /// Ordered items of one subcount: (-records, rank), items with records > 0 only.
    using Ordered = std::set<std::pair<std::int64_t, std::int32_t>>;

    /// `trackOrder` false: ordered() stays empty (deltas need no snapshot order).
    RecordsSweep(const RecordsCatalog& catalog, bool trackOrder);

    /// Sweeps the boundaries on or before `to` of `intervals` (one community) from the beginning.
    void run(const std::vector<Presence>& intervals, DayNumber to, SweepVisitor& visitor);

    const RecordsCatalog& catalog() const { return _catalog; }
    const SweepTotals& totals() const { return _totals; }
    const ItemState& item(std::int32_t item) const { return _items[item]; }
    const Ordered& ordered(std::size_t spec) const { return _ordered[spec]; }

private:
    void reset();
    void apply(std::int32_t record, int sign);
    void closeDay();
    ItemDelta& touchItem(std::int32_t item);

    const RecordsCatalog& _catalog;
    bool _trackOrder;
    // Community state.
    SweepTotals _totals;
    std::vector<std::array<std::int32_t, 2>> _parentVersions;
    std::vector<std::int32_t> _ownerRecords;
    std::vector<ItemState> _items;
    std::unordered_map<std::uint64_t, std::array<std::int32_t, 2>> _itemParentVersions;
    std::vector<Ordered> _ordered;
    std::vector<std::int32_t> _touchedParents, _touchedOwners, _touchedItems;  ///< to reset
    std::vector<char> _parentSeen, _ownerSeen, _itemSeen;
    // Day state.
    DayDelta _day;
    std::vector<std::int8_t> _parentBefore;  ///< class before the day, kUntouched when not captured
    std::vector<std::int32_t> _dayParents;
    std::vector<std::int32_t> _itemSlot;  ///< index into _day.items, -1 when untouched
    std::unordered_map<std::uint64_t, std::int8_t> _itemParentBefore;
    std::vector<std::int32_t> _dayOwners;
};

}  // namespace statshost::aggregators
