#include "UsageSnapshotFamily.h"

#include <algorithm>
#include <optional>
#include <set>

#include "DayText.h"
#include "UsageChangeTracker.h"
#include "UsageDays.h"
#include "UsageDocuments.h"
#include "UsageScans.h"
#include "UsageSnapshotDeriver.h"
#include "UsageSnapshotRender.h"
#include "UsageSnapshotState.h"

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
    for (const std::string& id : ids) {
        if (auto text = ctx.store.bookmark(marker, id))
            if (auto day = parseDay(*text)) lower(id, *day);
        if ((!feed || !bookmarks.count(id)) && firstEventDay <= lastEventDay) lower(id, firstEventDay);
        // States of a release that stored the snapshots carry no render settings: recompute everything.
        if (firstEventDay <= lastEventDay)
            if (auto state = ctx.store.latest(_stateIndex, id, ""))
                if (!UsageSnapshotRender::ofState(state->body)) lower(id, firstEventDay);
    }
}

void UsageSnapshotFamily::compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                                  const std::function<void(CommunityDocuments&&)>& /*emit: nothing is stored*/) {
    const std::string stamp = timestampText(ctx.clock.nowMicros());
    for (const WorkItem& item : work)
        if (item.from <= to) computeCommunity(ctx, item, to, stamp);
}

void UsageSnapshotFamily::computeCommunity(AggregationContext& ctx, const WorkItem& item, DayNumber to,
                                           const std::string& stamp) {
    const std::string& community = item.communityId;
    UsageSnapshotState state(ctx.settings.usageSubcounts);

    // The sums through item.from - 1: nothing when no delta document precedes the window; else the
    // latest state (unless no delta document precedes it either: then it belongs to documents that no
    // longer exist), then the delta documents after it.
    const std::optional<Document> prior = ctx.store.latest(_stateIndex, community, dayText(item.from - 1));
    if (ctx.store.latest(_deltaIndex, community, dayText(item.from - 1))) {
        std::optional<DayNumber> stateDay;
        if (prior && ctx.store.latest(_deltaIndex, community, prior->day)) {
            state.readStateText(prior->body);
            stateDay = dayNumber(prior->day);
        }
        if (!stateDay) {
            // From the beginning: what lies before the first day with events (normally nothing), then pieces.
            const auto [firstDay, lastDay] = ctx.source.usageDayRange();
            const DayNumber firstEventDay = firstDay <= lastDay ? std::min(firstDay, item.from) : item.from;
            ctx.store.scan(_deltaIndex, DocumentRange{community, "", dayText(firstEventDay - 1)}, [&](const Document& d) {
                state.addDeltaText(d.body);
                return true;
            });
            stateDay = firstEventDay - 1;
        }
        scanInPieces(ctx.store, _deltaIndex, community, *stateDay + 1, item.from - 1, [&](const Document& d) {
            state.addDeltaText(d.body);
            return true;
        });
    }

    // What the run's snapshots are rendered with (UsageSnapshotRender). Days of the window's first month
    // before the window keep the timestamps of the runs that computed them: the stamps of the latest state
    // in that month before the window (an end-of-run state, replaced below).
    UsageSnapshotRender render;
    render.lists = ctx.settings.usageSubcounts;
    render.topLimit = ctx.settings.topLimit;
    std::vector<std::pair<std::string, std::string>> carried;
    if (prior)  // the latest state before the window, read once above
        if (dayNumber(prior->day) >= monthStart(item.from))
            if (auto priorRender = UsageSnapshotRender::ofState(prior->body))
                for (const auto& entry : priorRender->stamps)
                    if (entry.first < dayText(item.from)) carried.push_back(entry);

    // States are replaced from the window's month start through `to`: each checkpoint replaces the
    // states between the previous one and itself in one transaction (so readers always find a state to
    // start from), the rest of the range goes at the end. Month-end checkpoints before the window stay.
    DayNumber replacedThrough = monthStart(item.from) - 1;
    bool firstMonthKept = carried.empty();  // else the first month needs a state keeping its stamps
    auto checkpoint = [&](DayNumber day) {
        const std::string text = dayText(day);
        if (monthStart(day) == monthStart(item.from)) {
            firstMonthKept = true;
            render.stamps = carried;
            render.stamps.emplace_back(dayText(item.from), stamp);
        } else {
            render.stamps = {{dayText(monthStart(day)), stamp}};
        }
        ctx.store.replaceRange(_stateIndex, DocumentRange{community, dayText(replacedThrough + 1), text},
                               {Document{documentId(community, text), community, text,
                                         state.stateDocument(community, text, render)}});
        replacedThrough = day;
    };

    // The snapshots themselves are rendered on read (UsageSnapshotDeriver); the window's deltas only go
    // into the sums: state checkpoints at month ends and at `to`.
    std::optional<DayNumber> lastAdded;  // day of the last delta added in this window
    scanInPieces(ctx.store, _deltaIndex, community, item.from, to, [&](const Document& d) {
        const DayNumber day = dayNumber(d.day);
        if (lastAdded && monthEnd(*lastAdded) < day && monthEnd(*lastAdded) < to) checkpoint(monthEnd(*lastAdded));
        if (!firstMonthKept && monthEnd(item.from) < day) checkpoint(monthEnd(item.from));
        state.addDeltaText(d.body);
        lastAdded = day;
        return true;
    });
    if (lastAdded && monthEnd(*lastAdded) < to) checkpoint(monthEnd(*lastAdded));
    if (!firstMonthKept && monthEnd(item.from) < to) checkpoint(monthEnd(item.from));
    if (!state.empty()) checkpoint(to);
    if (replacedThrough < to)
        ctx.store.remove(_stateIndex, DocumentRange{community, dayText(replacedThrough + 1), dayText(to)});
    consumeMarker(ctx, community, item.from, to);
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
