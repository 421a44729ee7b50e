#include "UsageSnapshotDeriver.h"

#include <algorithm>
#include <memory>

#include "AggregatorDriver.h"
#include "DayText.h"
#include "UsageChangeTracker.h"
#include "UsageDocuments.h"
#include "UsageScans.h"
#include "UsageSnapshotPeriods.h"
#include "UsageSnapshotRender.h"
#include "UsageSnapshotState.h"
#include "statshost/Errors.h"

namespace statshost::aggregators::usagestats {
namespace {

std::string dayBefore(const std::string& day) { return dayText(dayNumber(day) - 1); }

/// One community's snapshots from a first day on: the sums through the day before it (from the latest
/// usable state), then one rendered document per delta document added in day order.
class CommunityRenderer {
public:
    /// `stateOnFirstDay`: a usable state of the first day itself may be taken (its sums include that day's
    /// delta, which render() then does not add again): a read of one day from a keyframe.
    CommunityRenderer(DocumentStore& store, const UsageSnapshotDeriver::Names& names, std::string community,
                      const std::string& firstDay, bool stateOnFirstDay = false)
        : _store(store), _names(names), _community(std::move(community)) {
        _state = std::make_unique<UsageSnapshotState>(renderFor(firstDay).lists);
        const std::string before = dayBefore(firstDay);
        _sumsThrough = before;
        if (!_store.latest(_names.deltaIndex, _community, before)) return;  // nothing precedes the first day
        std::string usableThrough = stateOnFirstDay ? firstDay : before;
        if (auto stale = staleFrom()) usableThrough = std::min(usableThrough, dayText(*stale - 1));
        std::string stateDay;
        if (auto stored = _store.latest(_names.stateIndex, _community, usableThrough))
            if (_store.latest(_names.deltaIndex, _community, stored->day)) {
                _state->readStateText(stored->body);
                stateDay = stored->day;
            }
        auto add = [&](const Document& d) {
            _state->addDeltaText(d.body);
            return true;
        };
        if (stateDay.empty())
            _store.scan(_names.deltaIndex, DocumentRange{_community, "", before}, add);
        else if (stateDay < before)
            scanInPieces(_store, _names.deltaIndex, _community, dayNumber(stateDay) + 1, dayNumber(before), add);
        else if (stateDay > before)
            _sumsThrough = stateDay;  // the first day's state
    }

    /// Adds `delta` (the next delta document of the community, unless the sums already include its day)
    /// and renders the snapshot of its day.
    Document render(const Document& delta) {
        if (delta.day > _sumsThrough) _state->addDeltaText(delta.body);
        const UsageSnapshotRender& r = renderFor(delta.day);
        return Document{documentId(_community, delta.day), _community, delta.day,
                        _state->snapshotDocument(_community, delta.day, r.stampFor(delta.day), r.topLimit)};
    }

private:
    /// The first day whose states may be older than the stored deltas (see UsageSnapshotDeriver.h).
    std::optional<DayNumber> staleFrom() const {
        std::optional<DayNumber> day;
        for (const std::string& marker : {UsageChangeTracker::markerName(_names.deltaAggregation),
                                          AggregatorDriver::dirtyName(_names.snapshotAggregation)})
            if (auto text = _store.bookmark(marker, _community))
                if (auto d = parseDay(text->substr(0, std::min<std::size_t>(10, text->size()))))
                    day = day ? std::min(*day, *d) : *d;
        return day;
    }

    /// The render member of the first state on or after `day` in its keyframe period (normally the one at
    /// the period's end or at the run's last day; the month's end for states of an older release), else
    /// of the latest state.
    const UsageSnapshotRender& renderFor(const std::string& day) {
        if (_render && (_renderForever || day <= _renderThrough)) return *_render;
        std::optional<Document> covering;
        _store.scan(_names.stateIndex, DocumentRange{_community, day, dayText(keyframePeriodEnd(dayNumber(day)))},
                    [&](const Document& d) {
                        covering = d;
                        return false;
                    });
        _renderForever = false;
        if (!covering) {
            covering = _store.latest(_names.stateIndex, _community, "");
            _renderForever = covering && covering->day < day;
        }
        std::optional<UsageSnapshotRender> render;
        if (covering) render = UsageSnapshotRender::ofState(covering->body);
        if (!render)
            throw StorageError("usage snapshot of community '" + _community + "' on " + day +
                               ": no state document with render settings in '" + _names.stateIndex +
                               "' (written by an older release): run `statshost aggregate` to recompute it");
        _render = std::move(render);
        _renderThrough = covering->day;
        return *_render;
    }

    DocumentStore& _store;
    const UsageSnapshotDeriver::Names& _names;
    std::string _community;
    std::unique_ptr<UsageSnapshotState> _state;
    std::string _sumsThrough;  ///< the last day whose delta is in _state
    std::optional<UsageSnapshotRender> _render;
    std::string _renderThrough;   ///< the day of the state _render came from
    bool _renderForever = false;  ///< no state lies after _renderThrough
};

}  // namespace

std::optional<std::string> UsageSnapshotDeriver::lastDay(DocumentStore& store, const std::string& community) const {
    const auto state = store.latest(_names.stateIndex, community, "");
    if (!state || !UsageSnapshotRender::ofState(state->body)) return std::nullopt;  // none, or an older release's
    if (auto mark = store.bookmark(_names.snapshotAggregation, community)) {
        const std::string day = mark->substr(0, std::min<std::size_t>(10, mark->size()));
        if (parseDay(day)) return day;
    }
    return state->day;
}

void UsageSnapshotDeriver::scan(DocumentStore& store, const DocumentRange& range,
                                const std::function<bool(const Document&)>& visit) {
    if (range.communityId.empty())
        scanEveryCommunity(store, range, visit);
    else
        scanCommunity(store, range, visit);
}

void UsageSnapshotDeriver::scanCommunity(DocumentStore& store, const DocumentRange& range,
                                         const std::function<bool(const Document&)>& visit) {
    const std::string& community = range.communityId;
    const auto last = lastDay(store, community);
    if (!last) return;
    const std::string to = range.lastDay.empty() ? *last : std::min(range.lastDay, *last);
    std::string from = range.firstDay;
    if (from.empty()) {
        store.scan(_names.deltaIndex, DocumentRange{community, "", to}, [&](const Document& d) {
            from = d.day;
            return false;
        });
        if (from.empty()) return;
    }
    if (from > to) return;
    CommunityRenderer renderer(store, _names, community, from);
    scanInPieces(store, _names.deltaIndex, community, dayNumber(from), dayNumber(to),
                 [&](const Document& delta) { return visit(renderer.render(delta)); });
}

void UsageSnapshotDeriver::scanEveryCommunity(DocumentStore& store, const DocumentRange& range,
                                              const std::function<bool(const Document&)>& visit) {
    std::map<std::string, std::optional<std::string>> lastDays;
    std::map<std::string, std::unique_ptr<CommunityRenderer>> renderers;
    store.scan(_names.deltaIndex, range, [&](const Document& delta) {
        auto known = lastDays.find(delta.communityId);
        if (known == lastDays.end()) known = lastDays.emplace(delta.communityId, lastDay(store, delta.communityId)).first;
        if (!known->second || delta.day > *known->second) return true;
        std::unique_ptr<CommunityRenderer>& renderer = renderers[delta.communityId];
        if (!renderer) renderer = std::make_unique<CommunityRenderer>(store, _names, delta.communityId, delta.day);
        return visit(renderer->render(delta));
    });
}

std::optional<Document> UsageSnapshotDeriver::latest(DocumentStore& store, const std::string& communityId,
                                                     const std::string& onOrBeforeDay) {
    const auto last = lastDay(store, communityId);
    if (!last) return std::nullopt;
    const std::string through = onOrBeforeDay.empty() ? *last : std::min(onOrBeforeDay, *last);
    const auto delta = store.latest(_names.deltaIndex, communityId, through);
    if (!delta) return std::nullopt;
    return CommunityRenderer(store, _names, communityId, delta->day, true).render(*delta);
}

std::uint64_t UsageSnapshotDeriver::count(DocumentStore& store, const DocumentRange& range) {
    if (!range.communityId.empty()) {
        const auto last = lastDay(store, range.communityId);
        if (!last) return 0;
        const std::string to = range.lastDay.empty() ? *last : std::min(range.lastDay, *last);
        if (!range.firstDay.empty() && range.firstDay > to) return 0;
        return store.count(_names.deltaIndex, DocumentRange{range.communityId, range.firstDay, to});
    }
    std::map<std::string, std::optional<std::string>> lastDays;
    std::uint64_t n = 0;
    store.scan(_names.deltaIndex, range, [&](const Document& delta) {
        auto known = lastDays.find(delta.communityId);
        if (known == lastDays.end()) known = lastDays.emplace(delta.communityId, lastDay(store, delta.communityId)).first;
        if (known->second && delta.day <= *known->second) ++n;
        return true;
    });
    return n;
}

}  // namespace statshost::aggregators::usagestats
