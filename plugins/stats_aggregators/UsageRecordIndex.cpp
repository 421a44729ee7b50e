#include "UsageRecordIndex.h"

#include <algorithm>

namespace statshost::aggregators::usagestats {

void UsageRecordIndex::load(AggregationSource& source) {
    source.forEachRecord([&](const RecordFacts& record) { add(record); });
}

void UsageRecordIndex::add(const RecordFacts& r) {
    const std::uint32_t record = _records.intern(r.recordId);
    if (record >= _parent.size()) {
        const std::size_t n = std::max<std::size_t>(record + 1, _parent.size() * 3 / 2);
        _parent.resize(n, UsageInterner::kMissing);
        _begin.resize(n, 0);
        _mid.resize(n, 0);
        _end.resize(n, 0);
    }
    _parent[record] = r.parentId.empty() ? UsageInterner::kMissing : _parents.intern(r.parentId);

    // Items from the record's facet values (a record counts once per id of a subcount, over all its facets).
    _scratch.clear();
    for (const auto& f : r.facets) {
        if (f.id.empty() || f.facet == "file_type") continue;  // file types: below, per event type
        for (std::uint32_t s : _catalog.subcountsOfFacet(f.facet)) {
            const std::uint64_t packed = packItem(s, _catalog.item(s, f.id));
            _catalog.offerLabel(packed, r.publishedMicros, f.label);
            _scratch.push_back(packed);
        }
    }
    std::sort(_scratch.begin(), _scratch.end());
    _scratch.erase(std::unique(_scratch.begin(), _scratch.end()), _scratch.end());
    _begin[record] = static_cast<std::uint32_t>(_items.size());
    _items.insert(_items.end(), _scratch.begin(), _scratch.end());
    _mid[record] = static_cast<std::uint32_t>(_items.size());

    // A view counts every distinct type of the record's counted files (SEMANTICS §6, §10.5).
    _scratch.clear();
    for (std::uint32_t s : _catalog.subcountsOfFacet("file_type")) {
        for (const auto& file : r.files)
            if (!file.ext.empty()) _scratch.push_back(packItem(s, _catalog.item(s, file.ext)));
        for (const auto& f : r.facets)
            if (f.facet == "file_type" && !f.id.empty()) _catalog.offerLabel(packItem(s, _catalog.item(s, f.id)), r.publishedMicros, f.label);
    }
    std::sort(_scratch.begin(), _scratch.end());
    _scratch.erase(std::unique(_scratch.begin(), _scratch.end()), _scratch.end());
    _items.insert(_items.end(), _scratch.begin(), _scratch.end());
    _end[record] = static_cast<std::uint32_t>(_items.size());
}

}  // namespace statshost::aggregators::usagestats
