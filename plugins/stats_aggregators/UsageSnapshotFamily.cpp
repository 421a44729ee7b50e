#include "UsageSnapshotFamily.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "DayText.h"
#include "UsageChangeTracker.h"
#include "UsageDocuments.h"
#include "UsageScans.h"
#include "UsageSnapshotDeriver.h"
#include "UsageSnapshotPeriods.h"
#include "UsageSnapshotRender.h"
#include "UsageSnapshotState.h"
#include "UsageSnapshotWindow.h"

namespace statshost::aggregators::usagestats {

void UsageSnapshotFamily::setNames(std::string aggregationName, std::string alias, std::string deltaIndex,
                                   std::string deltaAggregation, std::string stateIndex) {
    _name = std::move(aggregationName);
    _alias = std::move(alias);
    _deltaIndex = deltaIndex.empty() ? kDefaultDeltaIndex : std::move(deltaIndex);
    _deltaAggregation = deltaAggregation.empty() ? kDefaultDeltaAggregation : std::move(deltaAggregation);
    _stateIndex = stateIndex.empty() ? _alias + "-state" : std::move(stateIndex);
}

IndexTemplate UsageSnapshotFamily::indexTemplate(const std::string& aggregationName, const std::string& alias) const {
    IndexTemplate t;
    t.alias = alias;
    t.dateField = "snapshot_date";
    t.mappingJson =
        R"({"community_id":"keyword","snapshot_date":"date","timestamp":"date",)"
        R"("totals":{"view":{"total_events":"long","unique_visitors":"long","unique_records":"long",)"
        R"("unique_parents":"long"},"download":{"total_events":"long","unique_visitors":"long",)"
        R"("unique_records":"long","unique_parents":"long","unique_files":"long","total_volume":"double"}},)"
        R"("subcounts":{"<all_key|top_key>":[{"id":"keyword","label":"keyword","view":"<as totals.view>",)"
        R"("download":"<as totals.download>"}]}})";
    t.fill = FillRule::CarryForward;
    t.extentBookmark = aggregationName;
    t.deriver = std::make_shared<UsageSnapshotDeriver>(
        UsageSnapshotDeriver::Names{aggregationName, _deltaIndex, _deltaAggregation, _stateIndex});
    return t;
}

IndexTemplate UsageSnapshotFamily::stateTemplate() const {
    IndexTemplate t;
    t.alias = _stateIndex;
    t.dateField = "state_date";
    t.mappingJson =
        R"({"community_id":"keyword","state_date":"date","totals":"<as the snapshot>",)"
        R"("subcounts":{"<snapshot key>":"<every item, unsorted>"}})";
    t.fill = FillRule::None;
    return t;
}

void UsageSnapshotFamily::collectWork(AggregationContext& ctx, const ChangeFeed* feed,
                                      const std::map<std::string, DayNumber>& bookmarks, DayNumber asOf,
                                      std::map<std::string, DayNumber>& from) {
    std::vector<std::string> ids;
    for (const CommunityInfo& c : ctx.source.communities()) ids.push_back(c.id);
    ids.push_back("global");
    auto lower = [&](const std::string& id, DayNumber day) {
        if (day > asOf) return;
        auto [it, inserted] = from.emplace(id, day);
        if (!inserted) it->second = std::min(it->second, day);
    };
    // Without a watermark or a bookmark: from the first day with usage events, which no delta document
    // precedes (a window without delta documents costs a few queries).
    const auto [firstEventDay, lastEventDay] = ctx.source.usageDayRange();
    const std::string marker = UsageChangeTracker::markerName(_deltaAggregation);
    _latestStates.clear();
    for (const std::string& id : ids) {
        if (auto text = ctx.store.bookmark(marker, id))
            if (auto day = parseDay(*text)) lower(id, *day);
        if ((!feed || !bookmarks.count(id)) && firstEventDay <= lastEventDay) lower(id, firstEventDay);
        // States of a release that stored the snapshots carry no render settings: recompute everything.
        if (firstEventDay <= lastEventDay) {
            std::optional<Document> state = ctx.store.latest(_stateIndex, id, "");
            if (state && !UsageSnapshotRender::ofState(state->body)) lower(id, firstEventDay);
            _latestStates[id] = std::move(state);
        }
    }
}

void UsageSnapshotFamily::compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                                  const std::function<void(CommunityDocuments&&)>& /*emit: nothing is stored*/) {
    const std::string stamp = timestampText(ctx.clock.nowMicros());
    const UsageSnapshotWindow::Indices indices{_deltaIndex, _stateIndex};
    std::map<std::string, std::unique_ptr<UsageSnapshotWindow>> windows;
    DayNumber first = to + 1;
    for (const WorkItem& item : work)
        if (item.from <= to && !windows.count(item.communityId)) {
            const auto known = _latestStates.find(item.communityId);
            const std::optional<Document>* latest = known == _latestStates.end() ? nullptr : &known->second;
            windows.emplace(item.communityId,
                            std::make_unique<UsageSnapshotWindow>(ctx, indices, item, to, stamp, latest));
            if (known != _latestStates.end()) _latestStates.erase(known);
            first = std::min(first, item.from);
        }

    // The window's deltas go into the sums (the snapshots are rendered on read, UsageSnapshotDeriver), a
    // piece of days at a time: one scan of every community's deltas when at least half of the communities
    // that can have some are in the piece (fewer statements; the rest read are skipped), else one per
    // community in it.
    const std::size_t known = ctx.source.communities().size() + 1;  // and global
    for (DayNumber piece = first; piece <= to; piece += kScanPieceDays) {
        const DayNumber pieceEnd = std::min(to, piece + kScanPieceDays - 1);
        std::vector<UsageSnapshotWindow*> active;
        for (auto& entry : windows)
            if (entry.second->from() <= pieceEnd) active.push_back(entry.second.get());
        if (active.size() > 1 && 2 * active.size() >= known) {
            ctx.store.scan(_deltaIndex, DocumentRange{"", dayText(piece), dayText(pieceEnd)}, [&](const Document& d) {
                auto it = windows.find(d.communityId);
                if (it != windows.end() && dayNumber(d.day) >= it->second->from()) it->second->add(d);
                return true;
            });
        } else {
            for (UsageSnapshotWindow* w : active)
                ctx.store.scan(_deltaIndex,
                               DocumentRange{w->community(), dayText(std::max(piece, w->from())), dayText(pieceEnd)},
                               [&](const Document& d) {
                                   w->add(d);
                                   return true;
                               });
        }
    }
    for (auto& [community, w] : windows) {
        w->finish();
        consumeMarker(ctx, community, w->from(), to);
    }
}

void UsageSnapshotFamily::consumeMarker(AggregationContext& ctx, const std::string& community, DayNumber from,
                                        DayNumber to) {
    const std::string marker = UsageChangeTracker::markerName(_deltaAggregation);
    const auto text = ctx.store.bookmark(marker, community);
    if (!text) return;
    const auto day = parseDay(*text);
    if (day && (*day < from || *day > to)) return;  // not covered by this window
    if (auto next = firstStoredDayAfter(ctx.store, _deltaIndex, community, to))
        ctx.store.setBookmark(marker, community, dayText(*next));
    else
        ctx.store.clearBookmarks(marker, community);
}

}  // namespace statshost::aggregators::usagestats
