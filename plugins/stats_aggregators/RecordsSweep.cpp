#include "RecordsSweep.h"

#include <algorithm>

namespace statshost::aggregators {

namespace {

constexpr std::int8_t kUntouched = -2;
constexpr std::int8_t kAbsent = -1;

/// The class of a parent from its present versions per class: with_files wins.
std::int8_t parentClass(const std::array<std::int32_t, 2>& versions) {
    if (versions[1] > 0) return 1;
    if (versions[0] > 0) return 0;
    return kAbsent;
}

std::uint64_t itemParentKey(std::int32_t item, std::int32_t parent) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(item)) << 32) | static_cast<std::uint32_t>(parent);
}

struct Change {
    DayNumber day;
    std::int32_t record;
    int sign;
};

}  // namespace

RecordsSweep::RecordsSweep(const RecordsCatalog& catalog, bool trackOrder)
    : _catalog(catalog),
      _trackOrder(trackOrder),
      _parentVersions(catalog.parentCount(), {0, 0}),
      _ownerRecords(catalog.ownerCount(), 0),
      _items(catalog.items().size()),
      _ordered(catalog.specs().size()),
      _parentSeen(catalog.parentCount(), 0),
      _ownerSeen(catalog.ownerCount(), 0),
      _itemSeen(catalog.items().size(), 0),
      _parentBefore(catalog.parentCount(), kUntouched),
      _itemSlot(catalog.items().size(), -1) {}

void RecordsSweep::reset() {
    for (std::int32_t p : _touchedParents) {
        _parentVersions[p] = {0, 0};
        _parentSeen[p] = 0;
    }
    for (std::int32_t o : _touchedOwners) {
        _ownerRecords[o] = 0;
        _ownerSeen[o] = 0;
    }
    for (std::int32_t i : _touchedItems) {
        _items[i] = ItemState{};
        _itemSeen[i] = 0;
    }
    _touchedParents.clear();
    _touchedOwners.clear();
    _touchedItems.clear();
    _itemParentVersions.clear();
    for (Ordered& o : _ordered) o.clear();
    _totals = SweepTotals{};
}

void RecordsSweep::run(const std::vector<Presence>& intervals, DayNumber to, SweepVisitor& visitor) {
    reset();
    std::vector<Change> changes;
    changes.reserve(intervals.size() * 2);
    for (const Presence& p : intervals) {
        if (p.start <= to) changes.push_back({p.start, p.record, +1});
        if (p.end != kNoDay && p.end <= to) changes.push_back({p.end, p.record, -1});
    }
    std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
        return a.day != b.day ? a.day < b.day : a.record < b.record;
    });
    for (std::size_t i = 0; i < changes.size();) {
        const DayNumber day = changes[i].day;
        visitor.before(day, *this);
        _day.day = day;
        for (; i < changes.size() && changes[i].day == day; ++i) apply(changes[i].record, changes[i].sign);
        closeDay();
        visitor.after(_day, *this);
        for (const ItemDelta& d : _day.items) _itemSlot[d.item] = -1;
        std::vector<ItemDelta> items = std::move(_day.items);
        items.clear();
        _day = DayDelta{};
        _day.items = std::move(items);
    }
}

ItemDelta& RecordsSweep::touchItem(std::int32_t item) {
    std::int32_t& slot = _itemSlot[item];
    if (slot < 0) {
        slot = static_cast<std::int32_t>(_day.items.size());
        ItemDelta d;
        d.item = item;
        d.totalBefore = _items[item].records[0] + _items[item].records[1];
        _day.items.push_back(d);
        if (!_itemSeen[item]) {
            _itemSeen[item] = 1;
            _touchedItems.push_back(item);
        }
    }
    return _day.items[slot];
}

void RecordsSweep::apply(std::int32_t record, int sign) {
    const CatalogRecord& r = _catalog.records()[record];
    const int cls = r.withFiles ? 1 : 0;
    const bool enter = sign > 0;

    _totals.records[cls] += sign;
    _totals.files.count += sign * r.fileCount;
    _totals.files.volume += sign * r.volume;
    (enter ? _day.recordsAdded : _day.recordsRemoved)[cls] += 1;
    FileTotals& files = enter ? _day.filesAdded : _day.filesRemoved;
    files.count += r.fileCount;
    files.volume += r.volume;

    if (_parentBefore[r.parent] == kUntouched) {
        _parentBefore[r.parent] = parentClass(_parentVersions[r.parent]);
        _dayParents.push_back(r.parent);
        if (!_parentSeen[r.parent]) {
            _parentSeen[r.parent] = 1;
            _touchedParents.push_back(r.parent);
        }
    }
    _parentVersions[r.parent][cls] += sign;

    if (r.owner >= 0) {
        std::int32_t& n = _ownerRecords[r.owner];
        if (n == 0 && enter) ++_totals.uploaders;
        n += sign;
        if (n == 0 && !enter) --_totals.uploaders;
        if (enter) _dayOwners.push_back(r.owner);
        if (!_ownerSeen[r.owner]) {
            _ownerSeen[r.owner] = 1;
            _touchedOwners.push_back(r.owner);
        }
    }

    // A parent with one version in the whole repository is present with a value exactly when that
    // version is: no per-(item, parent) count needed.
    const bool singleVersion = _catalog.versionsOf(r.parent) == 1;
    const auto& values = _catalog.values();
    for (std::uint32_t v = r.valuesBegin; v < r.valuesEnd; ++v) {
        const CatalogValue& value = values[v];
        ItemDelta& d = touchItem(value.item);
        ItemState& s = _items[value.item];
        s.records[cls] += sign;
        s.files.count += sign * value.fileCount;
        s.files.volume += sign * value.volume;
        (enter ? d.recordsAdded : d.recordsRemoved)[cls] += 1;
        FileTotals& itemFiles = enter ? d.filesAdded : d.filesRemoved;
        itemFiles.count += value.fileCount;
        itemFiles.volume += value.volume;
        if (singleVersion) {
            (enter ? d.parentsAdded : d.parentsRemoved)[cls] += 1;
            s.parents[cls] += sign;
            continue;
        }
        const std::uint64_t key = itemParentKey(value.item, r.parent);
        auto& versions = _itemParentVersions[key];
        _itemParentBefore.emplace(key, parentClass(versions));
        versions[cls] += sign;
    }
}

void RecordsSweep::closeDay() {
    for (std::int32_t p : _dayParents) {
        const std::int8_t before = _parentBefore[p];
        const std::int8_t after = parentClass(_parentVersions[p]);
        _parentBefore[p] = kUntouched;
        if (before == after) continue;
        if (before >= 0) {
            ++_day.parentsRemoved[before];
            --_totals.parents[before];
        }
        if (after >= 0) {
            ++_day.parentsAdded[after];
            ++_totals.parents[after];
        }
    }
    _dayParents.clear();

    for (const auto& [key, before] : _itemParentBefore) {
        auto versions = _itemParentVersions.find(key);
        const std::int8_t after = parentClass(versions->second);
        if (after == kAbsent) _itemParentVersions.erase(versions);
        if (before == after) continue;
        const auto item = static_cast<std::int32_t>(key >> 32);
        ItemDelta& d = _day.items[_itemSlot[item]];
        ItemState& s = _items[item];
        if (before >= 0) {
            ++d.parentsRemoved[before];
            --s.parents[before];
        }
        if (after >= 0) {
            ++d.parentsAdded[after];
            ++s.parents[after];
        }
    }
    _itemParentBefore.clear();

    std::sort(_dayOwners.begin(), _dayOwners.end());
    _day.uploaders = std::unique(_dayOwners.begin(), _dayOwners.end()) - _dayOwners.begin();
    _dayOwners.clear();

    for (const ItemDelta& d : _day.items) {
        if (!_trackOrder) break;
        const ItemState& s = _items[d.item];
        const std::int64_t after = s.records[0] + s.records[1];
        if (after == d.totalBefore) continue;
        const CatalogItem& item = _catalog.items()[d.item];
        Ordered& ordered = _ordered[item.spec];
        if (d.totalBefore > 0) ordered.erase({-d.totalBefore, item.rank});
        if (after > 0) ordered.insert({-after, item.rank});
    }
}

}  // namespace statshost::aggregators
