#include "UsageSnapshotFamily.h"

#include <algorithm>
#include <set>

#include "DayText.h"
#include "UsageChangeTracker.h"
#include "UsageDays.h"
#include "UsageDocuments.h"
#include "UsageScans.h"
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
    }
}

void UsageSnapshotFamily::compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                                  const std::function<void(CommunityDocuments&&)>& emit) {
    const std::string stamp = timestampText(ctx.clock.nowMicros());
    for (const WorkItem& item : work)
        if (item.from <= to) computeCommunity(ctx, item, to, stamp, emit);
}

void UsageSnapshotFamily::computeCommunity(AggregationContext& ctx, const WorkItem& item, DayNumber to,
                                           const std::string& stamp,
                                           const std::function<void(CommunityDocuments&&)>& emit) {
    const std::string& community = item.communityId;
    UsageSnapshotState state(ctx.settings.usageSubcounts);

    // The sums through item.from - 1: nothing when no delta document precedes the window; else the
    // latest state (unless no delta document precedes it either: then it belongs to documents that no
    // longer exist), then the delta documents after it.
    if (ctx.store.latest(_deltaIndex, community, dayText(item.from - 1))) {
        std::optional<DayNumber> stateDay;
        if (auto stored = ctx.store.latest(_stateIndex, community, dayText(item.from - 1))) {
            if (ctx.store.latest(_deltaIndex, community, stored->day)) {
                state.readState(parseJson(stored->body));
                stateDay = dayNumber(stored->day);
            }
        }
        if (!stateDay) {
            // From the beginning: what lies before the first day with events (normally nothing), then pieces.
            const auto [firstDay, lastDay] = ctx.source.usageDayRange();
            const DayNumber firstEventDay = firstDay <= lastDay ? std::min(firstDay, item.from) : item.from;
            ctx.store.scan(_deltaIndex, DocumentRange{community, "", dayText(firstEventDay - 1)}, [&](const Document& d) {
                state.addDelta(parseJson(d.body));
                return true;
            });
            stateDay = firstEventDay - 1;
        }
        scanInPieces(ctx.store, _deltaIndex, community, *stateDay + 1, item.from - 1, [&](const Document& d) {
            state.addDelta(parseJson(d.body));
            return true;
        });
    }

    // The window's states go first: those of [month start, to] are replaced (the earlier ones of this
    // month were only end-of-run states; month-end checkpoints lie outside that range). Removing them
    // before writing the new ones one by one keeps memory flat; a run lost in between only leaves
    // fewer states to start from.
    ctx.store.remove(_stateIndex, DocumentRange{community, dayText(monthStart(item.from)), dayText(to)});
    auto checkpoint = [&](DayNumber day) {
        const std::string text = dayText(day);
        ctx.store.upsert(_stateIndex, {Document{documentId(community, text), community, text, state.stateDocument(community, text)}});
    };

    // One snapshot per delta document in [from, to]; state checkpoints at month ends and at `to`.
    std::vector<Document> part;
    std::size_t partBytes = 0;
    std::optional<DayNumber> lastAdded;  // day of the last delta added in this window
    scanInPieces(ctx.store, _deltaIndex, community, item.from, to, [&](const Document& d) {
        const DayNumber day = dayNumber(d.day);
        if (lastAdded && monthEnd(*lastAdded) < day && monthEnd(*lastAdded) < to) checkpoint(monthEnd(*lastAdded));
        const JsonValue delta = parseJson(d.body);
        state.addDelta(delta);
        lastAdded = day;
        Document snapshot{documentId(community, d.day), community, d.day,
                          state.snapshotDocument(community, d.day, stamp, ctx.settings.topLimit)};
        partBytes += snapshot.body.size();
        part.push_back(std::move(snapshot));
        if (partBytes >= _partBytes || part.size() >= _partDocuments) {
            emit(CommunityDocuments{community, std::move(part)});
            part.clear();
            partBytes = 0;
        }
        return true;
    });
    if (!part.empty()) emit(CommunityDocuments{community, std::move(part)});
    if (lastAdded && monthEnd(*lastAdded) < to) checkpoint(monthEnd(*lastAdded));
    if (!state.empty()) checkpoint(to);
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
