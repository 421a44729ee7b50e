#pragma once
/// What the usage delta needs of every record, read once per run (AggregationSource::forEachRecord) and
/// kept compactly: the parent's number and the record's items per usage subcount, already numbered by
/// the catalog (facet values from the record; for views also the record's file types). Offering the
/// records also feeds the catalog's labels, so labels are a function of the whole repository. A
/// targeted load (UsageRecordLoad.h) adds only some records and takes labels from the label ledger.
///
/// Records are numbered by the shared record interner (an event of an unknown record still counts, with
/// no record items, and its parent taken from the event). Not thread safe.
#include <cstdint>
#include <string>
#include <vector>

#include "UsageCatalog.h"
#include "UsageInterner.h"
#include "statshost/Sources.h"

namespace statshost::aggregators::usagestats {

class UsageRecordIndex {
public:
    UsageRecordIndex(UsageCatalog& catalog, UsageInterner& records, UsageInterner& parents)
        : _catalog(catalog), _records(records), _parents(parents) {}

    /// Offers every record of the source (record-id order), deleted ones included.
    void load(AggregationSource& source);
    /// Offers one record (load() calls this); offer records in record-id order.
    void add(const RecordFacts& record);

    /// The parent number of a known record, else UsageInterner::kMissing.
    std::uint32_t parentOf(std::uint32_t record) const {
        return record < _parent.size() ? _parent[record] : UsageInterner::kMissing;
    }
    /// The record's items for both event types: [first, last) of packed items.
    template <class Visit>
    void forEachCommonItem(std::uint32_t record, Visit&& visit) const {
        if (record >= _begin.size()) return;
        for (std::uint32_t i = _begin[record]; i < _mid[record]; ++i) visit(_items[i]);
    }
    /// The record's file-type items, counted for views only.
    template <class Visit>
    void forEachViewFileItem(std::uint32_t record, Visit&& visit) const {
        if (record >= _begin.size()) return;
        for (std::uint32_t i = _mid[record]; i < _end[record]; ++i) visit(_items[i]);
    }

private:
    UsageCatalog& _catalog;
    UsageInterner& _records;
    UsageInterner& _parents;
    std::vector<std::uint64_t> _items;   ///< grouped by record: common items, then view file items
    std::vector<std::uint32_t> _parent;  ///< per record number
    std::vector<std::uint32_t> _begin, _mid, _end;
    struct LabelOffer {
        std::uint64_t packed;
        std::size_t position;  ///< of the facet in the subcount's facets
        const std::string* label;
    };
    std::vector<std::uint64_t> _scratch;
    std::vector<LabelOffer> _labels;
};

}  // namespace statshost::aggregators::usagestats
