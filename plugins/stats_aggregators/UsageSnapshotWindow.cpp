#include "UsageSnapshotWindow.h"

#include <algorithm>

#include "DayText.h"
#include "UsageDocuments.h"
#include "UsageScans.h"
#include "UsageSnapshotPeriods.h"

namespace statshost::aggregators::usagestats {

UsageSnapshotWindow::UsageSnapshotWindow(AggregationContext& ctx, const Indices& indices, const WorkItem& item,
                                         DayNumber to, const std::string& stamp,
                                         const std::optional<Document>* latestState)
    : _ctx(ctx),
      _indices(indices),
      _community(item.communityId),
      _from(item.from),
      _to(to),
      _stamp(stamp),
      _state(ctx.settings.usageSubcounts),
      _firstPeriod(keyframePeriodStart(item.from)),
      _replacedThrough(_firstPeriod - 1) {
    // The sums through from - 1: nothing when no delta document precedes the window; else the latest
    // state (unless no delta document precedes it either: then it belongs to documents that no longer
    // exist), then the delta documents after it.
    // The latest state over all days is also the latest before the window when it lies before it.
    const std::string before = dayText(_from - 1);
    const std::optional<Document> prior = latestState && (!*latestState || (*latestState)->day <= before)
                                              ? *latestState
                                              : ctx.store.latest(_indices.state, _community, before);
    if (const std::optional<Document> lastDelta = ctx.store.latest(_indices.delta, _community, before)) {
        std::optional<DayNumber> stateDay;
        // A delta document on or before the state's day: the last one before the window, or another.
        if (prior && (lastDelta->day <= prior->day || ctx.store.latest(_indices.delta, _community, prior->day))) {
            _state.readStateText(prior->body);
            stateDay = dayNumber(prior->day);
        }
        if (!stateDay) {
            // From the beginning: what lies before the first day with events (normally nothing), then pieces.
            const auto [firstDay, lastDay] = ctx.source.usageDayRange();
            const DayNumber firstEventDay = firstDay <= lastDay ? std::min(firstDay, _from) : _from;
            ctx.store.scan(_indices.delta, DocumentRange{_community, "", dayText(firstEventDay - 1)},
                           [&](const Document& d) {
                               _state.addDeltaText(d.body);
                               return true;
                           });
            stateDay = firstEventDay - 1;
        }
        scanInPieces(ctx.store, _indices.delta, _community, *stateDay + 1, _from - 1, [&](const Document& d) {
            _state.addDeltaText(d.body);
            return true;
        });
    }
    // What the run's snapshots are rendered with (UsageSnapshotRender). Days of the first period before
    // the window keep the timestamps of the runs that computed them.
    _render.lists = ctx.settings.usageSubcounts;
    _render.topLimit = ctx.settings.topLimit;
    _carried = carriedStamps(prior);
    _firstPeriodKept = _carried.empty();
}

std::vector<std::pair<std::string, std::string>> UsageSnapshotWindow::carriedStamps(
    const std::optional<Document>& prior) const {
    if (_from == _firstPeriod) return {};
    const std::string periodFirst = dayText(_firstPeriod);
    std::vector<std::pair<std::string, std::string>> stamps;
    // The usual case (the window follows the previous run's last day): `prior`, the state of the day
    // before, covers the period's days before the window.
    std::optional<UsageSnapshotRender> priorRender;
    if (prior && dayNumber(prior->day) == _from - 1) priorRender = UsageSnapshotRender::ofState(prior->body);
    if (priorRender && !priorRender->stamps.empty() && priorRender->stamps.front().first <= periodFirst) {
        stamps = std::move(priorRender->stamps);
    } else {
        // Else the states of the window's period, in day order: this release's (at most one, maybe after the
        // window's first day), or an older release's month-end states, each covering its month.
        _ctx.store.scan(_indices.state, DocumentRange{_community, periodFirst, dayText(keyframePeriodEnd(_from))},
                        [&](const Document& d) {
                            if (auto r = UsageSnapshotRender::ofState(d.body))
                                stamps.insert(stamps.end(), r->stamps.begin(), r->stamps.end());
                            return true;
                        });
    }
    const std::string fromText = dayText(_from);
    stamps.erase(std::remove_if(stamps.begin(), stamps.end(), [&](const auto& e) { return e.first >= fromText; }),
                 stamps.end());
    return stamps;
}

// States are replaced from the window's period start through `to`: each checkpoint replaces the states
// between the previous one and itself in one transaction (so readers always find a state to start from),
// the rest of the range goes at the end. Period-end checkpoints before the window stay.
void UsageSnapshotWindow::checkpoint(DayNumber day) {
    const std::string text = dayText(day);
    if (keyframePeriodStart(day) == _firstPeriod) {
        _firstPeriodKept = true;
        _render.stamps = _carried;
        _render.stamps.emplace_back(dayText(_from), _stamp);
    } else {
        _render.stamps = {{dayText(keyframePeriodStart(day)), _stamp}};
    }
    _ctx.store.replaceRange(_indices.state, DocumentRange{_community, dayText(_replacedThrough + 1), text},
                            {Document{documentId(_community, text), _community, text,
                                      _state.stateDocument(_community, text, _render)}});
    _replacedThrough = day;
}

void UsageSnapshotWindow::add(const Document& delta) {
    const DayNumber day = dayNumber(delta.day);
    if (_lastAdded && keyframePeriodEnd(*_lastAdded) < day && keyframePeriodEnd(*_lastAdded) < _to)
        checkpoint(keyframePeriodEnd(*_lastAdded));
    if (!_firstPeriodKept && keyframePeriodEnd(_from) < day) checkpoint(keyframePeriodEnd(_from));
    _state.addDeltaText(delta.body);
    _lastAdded = day;
}

void UsageSnapshotWindow::finish() {
    if (_lastAdded && keyframePeriodEnd(*_lastAdded) < _to) checkpoint(keyframePeriodEnd(*_lastAdded));
    if (!_firstPeriodKept && keyframePeriodEnd(_from) < _to) checkpoint(keyframePeriodEnd(_from));
    if (!_state.empty()) checkpoint(_to);
    if (_replacedThrough < _to)
        _ctx.store.remove(_indices.state, DocumentRange{_community, dayText(_replacedThrough + 1), dayText(_to)});
}

}  // namespace statshost::aggregators::usagestats
