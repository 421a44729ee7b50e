#include "UsageSnapshotFamily.h"

#include <algorithm>
#include <set>

#include "DayText.h"
#include "UsageChangeTracker.h"
#include "UsageDays.h"
#include "UsageDocuments.h"
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

std::optional<DayNumber> UsageSnapshotFamily::firstDeltaDay(AggregationContext& ctx, const std::string& community,
                                                            DayNumber after) {
    std::optional<DayNumber> first;
    ctx.store.scan(_deltaIndex, DocumentRange{community, after == kNoDay ? "" : dayText(after + 1), ""},
                   [&](const Document& d) {
                       first = parseDay(d.day);
                       return false;
                   });
    return first;
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
    const std::string marker = UsageChangeTracker::markerName(_deltaAggregation);
    for (const std::string& id : ids) {
        if (auto text = ctx.store.bookmark(marker, id))
            if (auto day = parseDay(*text)) lower(id, *day);
        if (!feed || !bookmarks.count(id))
            if (auto first = firstDeltaDay(ctx, id, kNoDay)) lower(id, *first);
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

    // The sums through item.from - 1: the latest state, then the delta documents after it.
    std::optional<DayNumber> stateDay;
    if (auto stored = ctx.store.latest(_stateIndex, community, dayText(item.from - 1))) {
        state.readState(parseJson(stored->body));
        stateDay = parseDay(stored->day);
    }
    if (!stateDay || *stateDay < item.from - 1) {
        ctx.store.scan(_deltaIndex,
                       DocumentRange{community, stateDay ? dayText(*stateDay + 1) : "", dayText(item.from - 1)},
                       [&](const Document& d) {
                           state.addDelta(parseJson(d.body));
                           return true;
                       });
    }

    // One snapshot per delta document in [from, to]; state checkpoints at month ends and at `to`.
    std::vector<Document> part;
    std::size_t partBytes = 0;
    std::vector<Document> states;
    std::optional<DayNumber> lastAdded;  // day of the last delta added in this window
    auto checkpoint = [&](DayNumber day) {
        const std::string text = dayText(day);
        states.push_back({documentId(community, text), community, text, state.stateDocument(community, text)});
    };
    ctx.store.scan(_deltaIndex, DocumentRange{community, dayText(item.from), dayText(to)}, [&](const Document& d) {
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
    if (lastAdded && monthEnd(*lastAdded) < to) checkpoint(monthEnd(*lastAdded));
    if (!state.empty()) checkpoint(to);
    if (!part.empty()) emit(CommunityDocuments{community, std::move(part)});

    // The window's states replace those of [month start, to]: the earlier ones of this month were only
    // end-of-run states, now superseded (month-end checkpoints lie outside that range).
    ctx.store.replaceRange(_stateIndex, DocumentRange{community, dayText(monthStart(item.from)), dayText(to)}, states);
    consumeMarker(ctx, community, item.from, to);
}

void UsageSnapshotFamily::consumeMarker(AggregationContext& ctx, const std::string& community, DayNumber from,
                                        DayNumber to) {
    const std::string marker = UsageChangeTracker::markerName(_deltaAggregation);
    const auto text = ctx.store.bookmark(marker, community);
    if (!text) return;
    const auto day = parseDay(*text);
    if (day && (*day < from || *day > to)) return;  // not covered by this window
    if (auto next = firstDeltaDay(ctx, community, to))
        ctx.store.setBookmark(marker, community, dayText(*next));
    else
        ctx.store.clearBookmarks(marker, community);
}

}  // namespace statshost::aggregators::usagestats
