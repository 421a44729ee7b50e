// UsageDeltaFamily::compute(): one pass over the events of [min from, to] for every community of the call.
#include <algorithm>

#include "DayText.h"
#include "UsageChangeTracker.h"
#include "UsageDayAccumulator.h"
#include "UsageDeltaFamily.h"
#include "UsageDocuments.h"
#include "UsageTargets.h"
#include "UsageRecordLoad.h"
#include "UsageRunData.h"

namespace statshost::aggregators::usagestats {

namespace {

/// Target numbers: 0 = "global", community number + 1 otherwise.

class DeltaComputation {
public:
    DeltaComputation(AggregationContext& ctx, UsageRunData& run, const std::string& alias, const std::string& name,
                     std::size_t partBytes, DayNumber to, const std::function<void(CommunityDocuments&&)>& emit)
        : _ctx(ctx), _run(run), _targetParts(partBytes), _catalog(*run.catalog), _index(*run.recordIndex), _tracker(ctx.store, alias, name),
          _to(to), _emit(emit), _stamp(timestampText(ctx.clock.nowMicros())) {
        for (std::uint32_t s = 0; s < _catalog.size(); ++s) {
            const auto& sc = _catalog.subcount(s);
            if (sc.country) _countrySubcounts.push_back(s);
            if (sc.referrer) _referrerSubcounts.push_back(s);
            if (sc.fileType) _fileTypeSubcounts.push_back(s);
        }
        // Lists are written in key order: the subcounts sorted by delta key once.
        for (std::uint32_t s = 0; s < _catalog.size(); ++s) _keyOrder.push_back(s);
        std::sort(_keyOrder.begin(), _keyOrder.end(), [&](std::uint32_t a, std::uint32_t b) {
            return _catalog.subcount(a).spec.deltaKey < _catalog.subcount(b).spec.deltaKey;
        });
        _lists.resize(_catalog.size());
        _firstUse.resize(_catalog.size());
    }

    void run(const std::vector<WorkItem>& work) {
        const DayNumber first = _targetParts.collect(work, _to, _run.communities);
        if (first == kNoDay) return;
        for (std::uint32_t t = 0; t < _targetParts.size(); ++t)
            if (_targetParts.active(t)) _tracker.loadStored(_targetParts.id(t), _targetParts.from()[t], _to);

        _ctx.source.scanUsage(first, _to, [&](const UsageFact& e) { add(e); });
        finishDay();

        for (std::uint32_t t = 0; t < _targetParts.size(); ++t) {
            if (!_targetParts.active(t)) continue;
            _tracker.settle(_targetParts.id(t), _to);
            _tracker.writeMarker(_targetParts.id(t));
        }
        emitParts();
        // The labels written, after the documents: a run lost before this point leaves the communities
        // dirty (the driver clears them only after compute), so their documents are written again.
        for (std::uint32_t s = 0; s < _firstUse.size(); ++s)
            for (std::uint32_t n = 0; n < _firstUse[s].size(); ++n) {
                if (_firstUse[s][n] == kNoDay) continue;
                const std::uint64_t packed = packItem(s, n);
                _run.ledger->written(_catalog, packed, _catalog.label(packed, _ctx.source), _firstUse[s][n]);
            }
        _run.ledger->save(_ctx.store);
    }

private:
    void add(const UsageFact& e) {
        if (e.day != _day) {
            finishDay();
            _day = e.day;
        }
        const std::uint32_t record = attributeEvent(e, _run.records, _run.membership, _targetParts.from(), _targets);
        if (_targets.empty()) return;

        // The record's own items (the same for every event of the record and type), then the event's.
        _recordItems.clear();
        _index.forEachCommonItem(record, [&](std::uint64_t item) { _recordItems.push_back(item); });
        if (!e.download) _index.forEachViewFileItem(record, [&](std::uint64_t item) { _recordItems.push_back(item); });
        sortUnique(_recordItems);  // one subcount may take an id from several facets
        _eventItems.clear();
        if (!e.country.empty())
            for (std::uint32_t s : _countrySubcounts) _eventItems.push_back(packItem(s, _catalog.item(s, e.country)));
        if (!e.referrerHost.empty())
            for (std::uint32_t s : _referrerSubcounts) _eventItems.push_back(packItem(s, _catalog.item(s, e.referrerHost)));
        if (e.download && !e.fileType.empty())
            for (std::uint32_t s : _fileTypeSubcounts) _eventItems.push_back(packItem(s, _catalog.item(s, e.fileType)));
        if (!_eventItems.empty()) {
            sortUnique(_eventItems);
            _eventItems.erase(std::remove_if(_eventItems.begin(), _eventItems.end(),
                                             [&](std::uint64_t item) {
                                                 return std::binary_search(_recordItems.begin(), _recordItems.end(), item);
                                             }),
                              _eventItems.end());
        }

        UsageEventKeys keys;
        keys.download = e.download;
        keys.visitor = _visitors.intern(e.visitorId);
        keys.record = record;
        keys.parent = e.parentId.empty() ? _index.parentOf(record) : _run.parents.intern(e.parentId);
        keys.file = e.download && !e.fileId.empty() ? _files.intern(e.fileId) : UsageDayAccumulator::kMissing;
        keys.size = e.download ? e.size : 0;
        _acc.add(keys, _targets, _recordItems, _eventItems);
    }

    static void sortUnique(std::vector<std::uint64_t>& items) {
        std::sort(items.begin(), items.end());
        items.erase(std::unique(items.begin(), items.end()), items.end());
    }

    void finishDay() {
        if (_acc.empty()) return;
        const std::string day = dayText(_day);
        _acc.finish([&](std::uint32_t target, const UsageMetrics& totals,
                        const std::vector<std::pair<std::uint64_t, UsageMetrics>>& items) {
            for (auto& list : _lists) list.clear();
            for (const auto& [packed, metrics] : items) {
                _lists[itemSubcount(packed)].push_back({&_catalog.id(packed), &_catalog.label(packed, _ctx.source), &metrics});
                noteUse(packed);
            }
            _listViews.clear();
            for (std::uint32_t s : _keyOrder) {
                sortItems(_lists[s]);
                _listViews.emplace_back(&_catalog.subcount(s).spec.deltaKey, &_lists[s]);
            }
            const std::string& id = _targetParts.id(target);
            _body.clear();
            appendDeltaDocument(_body, id, day, _stamp, totals, _listViews);
            Document doc{documentId(id, day), id, day, _body};  // a copy of exactly the body's size
            _tracker.produced(id, _day, doc.body);
            _partsFull = _targetParts.add(target, std::move(doc)) || _partsFull;
        });
        _acc.clear();
        _visitors.clear();
        _files.clear();
        if (_partsFull) emitParts();
    }

    /// The first day an item is written in this call (for the label ledger).
    void noteUse(std::uint64_t packed) {
        std::vector<DayNumber>& days = _firstUse[itemSubcount(packed)];
        const std::uint32_t n = itemNumber(packed);
        if (days.size() <= n) days.resize(n + 1, kNoDay);
        days[n] = std::min(days[n], _day);
    }

    /// Hands every buffered document to the driver, each community's change marker first.
    void emitParts() {
        _targetParts.emitAll(_emit, [&](const std::string& id) { _tracker.writeMarker(id); });
        _partsFull = false;
    }

    AggregationContext& _ctx;
    UsageRunData& _run;
    UsageTargetParts _targetParts;
    bool _partsFull = false;  ///< the buffered documents reached the part size
    UsageCatalog& _catalog;
    UsageRecordIndex& _index;
    UsageChangeTracker _tracker;
    const DayNumber _to;
    const std::function<void(CommunityDocuments&&)>& _emit;
    const std::string _stamp;

    std::vector<std::uint32_t> _countrySubcounts, _referrerSubcounts, _fileTypeSubcounts;
    std::vector<std::vector<DayNumber>> _firstUse;  ///< per subcount and item: first day written in this call
    std::vector<std::uint32_t> _keyOrder;           ///< subcounts by delta key
    std::vector<std::vector<UsageItemView>> _lists;  ///< finishDay(): per subcount, one document's items
    std::vector<UsageListView> _listViews;           ///< finishDay(): the lists in key order
    std::string _body;                               ///< finishDay(): the document being written

    DayNumber _day = kNoDay;
    UsageDayAccumulator _acc;
    UsageDayInterner _visitors;  ///< of the current day
    UsageDayInterner _files;     ///< of the current day
    std::vector<std::uint32_t> _targets;
    std::vector<std::uint64_t> _recordItems;
    std::vector<std::uint64_t> _eventItems;
};

}  // namespace

void UsageDeltaFamily::compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                               const std::function<void(CommunityDocuments&&)>& emit) {
    DayNumber first = kNoDay;
    for (const WorkItem& w : work)
        if (w.from <= to) first = std::min(first, w.from);
    if (first == kNoDay) return;
    UsageRunData& run = runData(ctx);
    loadRecordsFor(ctx, run, _alias, first, to);
    DeltaComputation(ctx, run, _alias, _name, _partBytes, to, emit).run(work);
}

}  // namespace statshost::aggregators::usagestats
