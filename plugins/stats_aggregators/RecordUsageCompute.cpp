// RecordUsageFamily::compute(): one pass over the events of [min from, to] for every community of the
// call, one day at a time; "global" also yields the per-parent documents (F2).
#include <algorithm>
#include <unordered_map>

#include "DayText.h"
#include "LeaderboardDocuments.h"
#include "RecordUsageFamily.h"
#include "UsageDayAccumulator.h"
#include "UsageDocuments.h"
#include "UsageTargets.h"

namespace statshost::aggregators::recordusage {

namespace {

using leaderboard::ParentUsage;
using leaderboard::VersionUsage;
using usagestats::UsageDayAccumulator;
using usagestats::UsageEventKeys;
using usagestats::UsageInterner;
using usagestats::UsageMetrics;
using usagestats::kGlobalTarget;

/// Target numbers: 0 = "global", community number + 1 otherwise.
/// Accumulator items: (kind << 32) | number, kind 0 = a record version, 1 = a parent.
constexpr std::uint64_t kVersionItem = 0;
constexpr std::uint64_t kParentItem = 1;

class RecordUsageComputation {
public:
    RecordUsageComputation(AggregationContext& ctx, usagestats::UsageEventRun& run, std::string recordAlias,
                           std::size_t partBytes, DayNumber to, const std::function<void(CommunityDocuments&&)>& emit)
        : _ctx(ctx), _run(run), _recordAlias(std::move(recordAlias)), _partBytes(partBytes), _targetParts(partBytes),
          _to(to), _emit(emit),
          _stamp(timestampText(ctx.clock.nowMicros())) {}

    void run(const std::vector<WorkItem>& work) {
        const DayNumber first = _targetParts.collect(work, _to, _run.communities);
        if (first == kNoDay) return;
        _parentsFrom = _targetParts.size() == 0 ? kNoDay : _targetParts.from()[kGlobalTarget];

        _ctx.source.scanUsage(first, _to, [&](const UsageFact& e) { add(e); });
        finishDay();
        emitParts();
        if (_parentsFrom <= _to) flushParents(_to);
        _ctx.logger.info("record usage: " + std::to_string(_communityDocs) + " community documents, " +
                         std::to_string(_parentDocCount) + " parent documents");
    }

private:
    void add(const UsageFact& e) {
        if (e.day != _day) {
            finishDay();
            _day = e.day;
        }
        const std::uint32_t record = usagestats::attributeEvent(e, _run.records, _run.membership, _targetParts.from(), _targets);
        if (_targets.empty()) return;

        if (record >= _recordParent.size()) _recordParent.resize(record + 1, UsageInterner::kMissing);
        if (!e.parentId.empty()) _recordParent[record] = _run.parents.intern(e.parentId);
        const std::uint32_t parent = _recordParent[record];
        _items.clear();
        _items.push_back((kVersionItem << 32) | record);
        if (parent != UsageInterner::kMissing) _items.push_back((kParentItem << 32) | parent);

        // Only distinct visitors are needed: records, parents and files are left uncounted.
        UsageEventKeys keys;
        keys.download = e.download;
        keys.visitor = _visitors.intern(e.visitorId);
        keys.record = keys.parent = keys.file = UsageDayAccumulator::kMissing;
        keys.size = e.download ? e.size : 0;
        _acc.add(keys, _targets, _items);
    }

    void finishDay() {
        if (_acc.empty()) return;
        _acc.finish([&](std::uint32_t target, const UsageMetrics& totals,
                        const std::vector<std::pair<std::uint64_t, UsageMetrics>>& items) {
            _versions.clear();
            _parents.clear();
            std::unordered_map<std::uint32_t, std::int64_t> versionsOf;
            for (const auto& [packed, metrics] : items) {
                const auto n = static_cast<std::uint32_t>(packed & 0xFFFFFFFFu);
                if ((packed >> 32) == kVersionItem) {
                    const std::uint32_t parent = _recordParent[n];
                    if (parent != UsageInterner::kMissing) ++versionsOf[parent];
                    _versions.push_back({_run.records.text(n), parentText(parent), metrics});
                } else {
                    _parents.push_back({_run.parents.text(n), metrics, 0});
                    _parentNumbers.push_back(n);
                }
            }
            for (std::size_t i = 0; i < _parents.size(); ++i) _parents[i].versions = versionsOf[_parentNumbers[i]];
            _parentNumbers.clear();
            std::sort(_versions.begin(), _versions.end(), [](const VersionUsage& a, const VersionUsage& b) { return a.id < b.id; });
            std::sort(_parents.begin(), _parents.end(), [](const ParentUsage& a, const ParentUsage& b) { return a.id < b.id; });

            const std::string& id = _targetParts.id(target);
            Document doc{usagestats::documentId(id, dayText(_day)), id, dayText(_day),
                         leaderboard::communityRecordUsageBody(id, _day, _stamp, totals, _versions, _parents)};
            _partsFull = _targetParts.add(target, std::move(doc)) || _partsFull;
            ++_communityDocs;
            if (target == kGlobalTarget) addParentDocuments();
        });
        _acc.clear();
        _visitors.clear();
        if (_partsFull) emitParts();
        if (!_parentDocs.empty() && _parentBytes >= _partBytes) flushParents(_day);
    }

    /// The day's F2 documents from global's versions and parents (both sorted by id).
    void addParentDocuments() {
        std::unordered_map<std::string, std::vector<VersionUsage>> byParent;
        for (const VersionUsage& v : _versions)
            if (!v.parent.empty()) byParent[v.parent].push_back(v);
        const std::string day = dayText(_day);
        for (const ParentUsage& p : _parents) {
            Document doc{usagestats::documentId(p.id, day), p.id, day,
                         leaderboard::parentUsageBody(p.id, _day, _stamp, byParent[p.id], p.metrics)};
            _parentBytes += doc.body.size();
            _parentDocs.push_back(std::move(doc));
            ++_parentDocCount;
        }
    }

    const std::string& parentText(std::uint32_t parent) const {
        static const std::string none;
        return parent == UsageInterner::kMissing ? none : _run.parents.text(parent);
    }

    /// Hands every buffered F1 document to the driver.
    void emitParts() {
        _targetParts.emitAll(_emit);
        _partsFull = false;
    }

    /// Replaces F2 over [_parentsFrom, through] (every parent, atomically) with the buffered documents.
    void flushParents(DayNumber through) {
        _ctx.store.replaceRange(_recordAlias, DocumentRange{"", dayText(_parentsFrom), dayText(through)}, _parentDocs);
        _parentDocs.clear();
        _parentBytes = 0;
        _parentsFrom = through + 1;
    }

    AggregationContext& _ctx;
    usagestats::UsageEventRun& _run;
    const std::string _recordAlias;
    const std::size_t _partBytes;  ///< also the size of F2's replaceRange chunks
    usagestats::UsageTargetParts _targetParts;
    bool _partsFull = false;  ///< the buffered F1 documents reached the part size
    const DayNumber _to;
    const std::function<void(CommunityDocuments&&)>& _emit;
    const std::string _stamp;

    std::uint64_t _communityDocs = 0;
    std::vector<std::uint32_t> _recordParent;  ///< record number → parent number (from its events)

    DayNumber _parentsFrom = kNoDay;  ///< first day of F2 not yet replaced (kNoDay: global not in the call)
    std::vector<Document> _parentDocs;
    std::size_t _parentBytes = 0;
    std::uint64_t _parentDocCount = 0;

    DayNumber _day = kNoDay;
    UsageDayAccumulator _acc;
    usagestats::UsageDayInterner _visitors;  ///< of the current day
    std::vector<std::uint32_t> _targets;
    std::vector<std::uint64_t> _items;
    std::vector<VersionUsage> _versions;
    std::vector<ParentUsage> _parents;
    std::vector<std::uint32_t> _parentNumbers;
};

}  // namespace

void RecordUsageFamily::compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                                const std::function<void(CommunityDocuments&&)>& emit) {
    usagestats::UsageEventRun& run = eventRun(ctx, nullptr);
    RecordUsageComputation(ctx, run, _recordAlias, _partBytes, to, emit).run(work);
}

}  // namespace statshost::aggregators::recordusage
