// UsageDeltaFamily::compute(): one pass over the events of [min from, to] for every community of the call.
#include <algorithm>
#include <unordered_map>

#include "DayText.h"
#include "UsageChangeTracker.h"
#include "UsageDayAccumulator.h"
#include "UsageDeltaFamily.h"
#include "UsageDocuments.h"
#include "UsageTargets.h"
#include "UsageRunData.h"

namespace statshost::aggregators::usagestats {

namespace {

/// Target numbers: 0 = "global", community number + 1 otherwise.

class DeltaComputation {
public:
    DeltaComputation(AggregationContext& ctx, UsageRunData& run, const std::string& alias, const std::string& name,
                     std::size_t partBytes, DayNumber to, const std::function<void(CommunityDocuments&&)>& emit)
        : _ctx(ctx), _run(run), _partBytes(partBytes), _catalog(*run.catalog), _index(*run.recordIndex), _tracker(ctx.store, alias, name),
          _to(to), _emit(emit), _stamp(timestampText(ctx.clock.nowMicros())) {
        for (std::uint32_t s = 0; s < _catalog.size(); ++s) {
            const auto& sc = _catalog.subcount(s);
            if (sc.country) _countrySubcounts.push_back(s);
            if (sc.referrer) _referrerSubcounts.push_back(s);
            if (sc.fileType) _fileTypeSubcounts.push_back(s);
        }
    }

    void run(const std::vector<WorkItem>& work) {
        const DayNumber first = collectTargets(work, _to, _run.communities, _from, _ids, _parts);
        if (first == kNoDay) return;
        for (std::uint32_t t = 0; t < _from.size(); ++t)
            if (_from[t] != kNoDay) _tracker.loadStored(_ids[t], _from[t], _to);

        _ctx.source.scanUsage(first, _to, [&](const UsageFact& e) { add(e); });
        finishDay();

        for (std::uint32_t t = 0; t < _from.size(); ++t) {
            if (_from[t] == kNoDay) continue;
            _tracker.settle(_ids[t], _to);
            _tracker.writeMarker(_ids[t]);
        }
        emitParts();
        // The labels written, after the documents: a run lost before this point leaves the communities
        // dirty (the driver clears them only after compute), so their documents are written again.
        for (const auto& [packed, day] : _firstUse)
            _run.ledger->written(_catalog, packed, _catalog.label(packed, _ctx.source), day);
        _run.ledger->save(_ctx.store);
    }

private:
    bool counts(std::uint32_t target, DayNumber day) const { return target < _from.size() && _from[target] <= day; }

    void add(const UsageFact& e) {
        if (e.day != _day) {
            finishDay();
            _day = e.day;
        }
        _targets.clear();
        if (counts(kGlobalTarget, e.day)) _targets.push_back(kGlobalTarget);
        const std::uint32_t record = _run.records.intern(e.recordId);
        _run.membership.forEachAt(record, e.timestampMicros, [&](std::uint32_t c) {
            if (counts(c + 1, e.day)) _targets.push_back(c + 1);
        });
        if (_targets.empty()) return;

        _items.clear();
        _index.forEachCommonItem(record, [&](std::uint64_t item) { _items.push_back(item); });
        if (!e.download) _index.forEachViewFileItem(record, [&](std::uint64_t item) { _items.push_back(item); });
        if (!e.country.empty())
            for (std::uint32_t s : _countrySubcounts) _items.push_back(packItem(s, _catalog.item(s, e.country)));
        if (!e.referrerHost.empty())
            for (std::uint32_t s : _referrerSubcounts) _items.push_back(packItem(s, _catalog.item(s, e.referrerHost)));
        if (e.download && !e.fileType.empty())
            for (std::uint32_t s : _fileTypeSubcounts) _items.push_back(packItem(s, _catalog.item(s, e.fileType)));
        std::sort(_items.begin(), _items.end());  // one subcount may take an id from several facets
        _items.erase(std::unique(_items.begin(), _items.end()), _items.end());

        UsageEventKeys keys;
        keys.download = e.download;
        keys.visitor = _visitors.intern(e.visitorId);
        keys.record = record;
        keys.parent = e.parentId.empty() ? _index.parentOf(record) : _run.parents.intern(e.parentId);
        keys.file = e.download && !e.fileId.empty() ? _files.intern(e.fileId) : UsageDayAccumulator::kMissing;
        keys.size = e.download ? e.size : 0;
        _acc.add(keys, _targets, _items);
    }

    void finishDay() {
        if (_acc.empty()) return;
        const std::string day = dayText(_day);
        _acc.finish([&](std::uint32_t target, const UsageMetrics& totals,
                        const std::vector<std::pair<std::uint64_t, UsageMetrics>>& items) {
            std::vector<UsageList> lists(_catalog.size());
            for (std::uint32_t s = 0; s < _catalog.size(); ++s) lists[s].first = _catalog.subcount(s).spec.deltaKey;
            for (const auto& [packed, metrics] : items) {
                lists[itemSubcount(packed)].second.push_back({_catalog.id(packed), _catalog.label(packed, _ctx.source), metrics});
                auto [use, inserted] = _firstUse.emplace(packed, _day);
                if (!inserted) use->second = std::min(use->second, _day);
            }
            for (auto& list : lists) sortItems(list.second);
            const std::string& id = _ids[target];
            Document doc{documentId(id, day), id, day, deltaDocument(id, day, _stamp, totals, lists)};
            _tracker.produced(id, _day, doc.body);
            _bufferedBytes += doc.body.size();
            _parts[target].push_back(std::move(doc));
        });
        _acc.clear();
        _visitors.clear();
        _files.clear();
        if (_bufferedBytes >= _partBytes) emitParts();
    }

    /// Hands every buffered document to the driver, each community's change marker first.
    void emitParts() {
        for (std::uint32_t t = 0; t < _parts.size(); ++t) {
            if (_parts[t].empty()) continue;
            _tracker.writeMarker(_ids[t]);
            CommunityDocuments part{_ids[t], std::move(_parts[t])};
            _parts[t].clear();
            _emit(std::move(part));
        }
        _bufferedBytes = 0;
    }

    AggregationContext& _ctx;
    UsageRunData& _run;
    const std::size_t _partBytes;
    UsageCatalog& _catalog;
    UsageRecordIndex& _index;
    UsageChangeTracker _tracker;
    const DayNumber _to;
    const std::function<void(CommunityDocuments&&)>& _emit;
    const std::string _stamp;

    std::vector<DayNumber> _from;     ///< per target: first day counted (kNoDay: not in this call)
    std::vector<std::string> _ids;    ///< per target: community id
    std::vector<std::vector<Document>> _parts;
    std::size_t _bufferedBytes = 0;
    std::vector<std::uint32_t> _countrySubcounts, _referrerSubcounts, _fileTypeSubcounts;
    std::unordered_map<std::uint64_t, DayNumber> _firstUse;  ///< item → first day written in this call

    DayNumber _day = kNoDay;
    UsageDayAccumulator _acc;
    UsageInterner _visitors;  ///< of the current day
    UsageInterner _files;     ///< of the current day
    std::vector<std::uint32_t> _targets;
    std::vector<std::uint64_t> _items;
};

}  // namespace

void UsageDeltaFamily::compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                               const std::function<void(CommunityDocuments&&)>& emit) {
    UsageRunData& run = runData(ctx, true);
    DeltaComputation(ctx, run, _alias, _name, _partBytes, to, emit).run(work);
}

}  // namespace statshost::aggregators::usagestats
