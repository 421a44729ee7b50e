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

    // Items from the record's facet values (a record counts once per id of a subcount, over all its
    // facets); the record's label for an item is the first non-empty one in the subcount's facet order.
    _scratch.clear();
    _labels.clear();
    for (const auto& f : r.facets) {
        if (f.id.empty()) continue;
        for (std::uint32_t s : _catalog.subcountsOfFacet(f.facet)) {
            const std::uint64_t packed = packItem(s, _catalog.item(s, f.id));
            _labels.push_back({packed, _catalog.facetPosition(s, f.facet), &f.label});
            if (f.facet != "file_type") _scratch.push_back(packed);  // file types: below, per event type
        }
    }
    std::sort(_labels.begin(), _labels.end(), [](const LabelOffer& a, const LabelOffer& b) {
        return a.packed != b.packed ? a.packed < b.packed : a.position < b.position;
    });
    for (std::size_t i = 0; i < _labels.size();) {
        std::size_t j = i;
        const std::string* label = nullptr;
        for (; j < _labels.size() && _labels[j].packed == _labels[i].packed; ++j)
            if (!label && !_labels[j].label->empty()) label = _labels[j].label;
        if (label) _catalog.offerLabel(_labels[i].packed, r.publishedMicros, *label);
        i = j;
    }
    std::sort(_scratch.begin(), _scratch.end());
    _scratch.erase(std::unique(_scratch.begin(), _scratch.end()), _scratch.end());
    _begin[record] = static_cast<std::uint32_t>(_items.size());
    _items.insert(_items.end(), _scratch.begin(), _scratch.end());
    _mid[record] = static_cast<std::uint32_t>(_items.size());

    // A view counts every distinct type of the record's counted files (SEMANTICS §6, §10.5).
    _scratch.clear();
    for (std::uint32_t s : _catalog.subcountsOfFacet("file_type"))
        for (const auto& file : r.files)
            if (!file.ext.empty()) _scratch.push_back(packItem(s, _catalog.item(s, file.ext)));
    std::sort(_scratch.begin(), _scratch.end());
    _scratch.erase(std::unique(_scratch.begin(), _scratch.end()), _scratch.end());
    _items.insert(_items.end(), _scratch.begin(), _scratch.end());
    _end[record] = static_cast<std::uint32_t>(_items.size());
}

}  // namespace statshost::aggregators::usagestats
