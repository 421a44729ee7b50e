#include "UploadersFamily.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>

#include "DayText.h"
#include "LeaderboardDocuments.h"
#include "OwnerCapturingSource.h"

namespace statshost::aggregators::leaderboard {

namespace {

/// A community's documents are handed to the driver in parts of at most this many documents.
constexpr std::size_t kPartDocuments = 512;

}  // namespace

IndexTemplate UploadersFamily::indexTemplate(const std::string& aggregationName, const std::string& alias) const {
    IndexTemplate t;
    t.alias = alias;
    t.dateField = "period_start";
    t.mappingJson =
        R"({"family":"community-uploaders-delta","basis":"created","fields":{"community_id":"keyword",)"
        R"("period_start":"date","period_end":"date","timestamp":"date","records_added":"long",)"
        R"("uploaders":[{"id":"keyword","records":"long","parents":"long","data_volume":"double"}]}})";
    t.fill = FillRule::None;
    t.extentBookmark = aggregationName;
    return t;
}

UploadersFamily::RunData& UploadersFamily::load(AggregationContext& ctx) {
    if (_run) return *_run;
    const auto started = std::chrono::steady_clock::now();
    auto run = std::make_unique<RunData>();
    AggregationSettings lean = ctx.settings;
    lean.recordSubcounts.clear();  // no subcount values needed: a lighter catalog
    OwnerCapturingSource source(ctx.source);
    run->catalog = std::make_unique<RecordsCatalog>(source, lean);
    const RecordsCatalog& catalog = *run->catalog;
    run->owners.resize(catalog.records().size());
    for (auto& [recordId, owner] : source.owners()) {
        const std::int32_t r = catalog.recordIndex(recordId);
        if (r >= 0) run->owners[r] = std::move(owner);
    }
    for (std::size_t c = 0; c < catalog.communities().size(); ++c) {
        run->intervals.push_back(presenceIntervals(catalog, c, DateBasis::Created));
        run->communityIndex.emplace(catalog.communities()[c], c);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ctx.logger.info("uploaders: loaded " + std::to_string(catalog.records().size()) + " records, " +
                    std::to_string(catalog.ownerCount()) + " owners, " + std::to_string(catalog.communities().size()) +
                    " communities with events in " + std::to_string(static_cast<long long>(seconds * 1000)) + " ms");
    _run = std::move(run);
    return *_run;
}

void UploadersFamily::collectWork(AggregationContext& ctx, const ChangeFeed* feed,
                                  const std::map<std::string, DayNumber>& bookmarks, DayNumber asOf,
                                  std::map<std::string, DayNumber>& from) {
    if (!_run && feed && feed->recordIds.empty() &&
        std::all_of(bookmarks.begin(), bookmarks.end(), [&](const auto& b) { return b.second >= asOf; }))
        return;  // nothing changed and nothing is due: the repository is not loaded
    const RunData& run = load(ctx);
    const RecordsCatalog& catalog = *run.catalog;
    auto lower = [&](const std::string& community, DayNumber day) {
        auto [it, inserted] = from.emplace(community, day);
        if (!inserted) it->second = std::min(it->second, day);
    };
    std::vector<char> changed(catalog.records().size(), 0);
    if (feed)
        for (const std::string& id : feed->recordIds)
            if (const std::int32_t r = catalog.recordIndex(id); r >= 0) changed[r] = 1;

    for (std::size_t c = 0; c < catalog.communities().size(); ++c) {
        const std::string& community = catalog.communities()[c];
        const std::vector<Presence>& intervals = run.intervals[c];
        auto bookmark = bookmarks.find(community);
        if (!intervals.empty()) {
            if (!feed || bookmark == bookmarks.end())
                lower(community, firstStart(intervals));
            else if (const DayNumber next = nextBoundaryAfter(intervals, bookmark->second); next <= asOf)
                lower(community, next);
        }
        if (!feed) continue;
        std::optional<DayNumber> earliest;
        for (const CatalogEvent& e : catalog.eventsOf(c)) {
            if (!changed[e.record]) continue;
            const DayNumber day = conservativeFirstDay(catalog.records()[e.record], dayOfMicros(e.micros), DateBasis::Created);
            earliest = std::min(earliest.value_or(day), day);
        }
        if (earliest) lower(community, *earliest);
    }
}

void UploadersFamily::compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                              const std::function<void(CommunityDocuments&&)>& emit) {
    const RunData& run = load(ctx);
    const std::string timestamp = timestampText(ctx.clock.nowMicros());
    for (const WorkItem& item : work) {
        auto c = run.communityIndex.find(item.communityId);
        if (c == run.communityIndex.end()) continue;  // no events: no documents
        computeCommunity(run, item.communityId, run.intervals[c->second], item.from, to, timestamp, emit);
    }
}

void UploadersFamily::computeCommunity(const RunData& run, const std::string& community,
                                       const std::vector<Presence>& intervals, DayNumber from, DayNumber to,
                                       const std::string& timestamp,
                                       const std::function<void(CommunityDocuments&&)>& emit) const {
    // Records entering the state: the start day of each merged, non-empty interval.
    std::vector<std::pair<DayNumber, std::int32_t>> entering;
    for (const Presence& p : intervals)
        if (p.start >= from && p.start <= to) entering.emplace_back(p.start, p.record);
    std::sort(entering.begin(), entering.end());

    const auto& records = run.catalog->records();
    CommunityDocuments part{community, {}};
    for (std::size_t i = 0; i < entering.size();) {
        const DayNumber day = entering[i].first;
        std::int64_t added = 0;
        std::map<std::string, UploaderAdded> byOwner;
        std::set<std::pair<std::string, std::int32_t>> ownerParents;
        for (; i < entering.size() && entering[i].first == day; ++i, ++added) {
            const std::int32_t r = entering[i].second;
            const std::string& owner = run.owners[r];
            if (owner.empty()) continue;
            UploaderAdded& u = byOwner[owner];
            u.id = owner;
            ++u.records;
            u.volume += records[r].volume;
            if (ownerParents.emplace(owner, records[r].parent).second) ++u.parents;
        }
        std::vector<UploaderAdded> uploaders;
        uploaders.reserve(byOwner.size());
        for (auto& [id, u] : byOwner) uploaders.push_back(std::move(u));  // std::map: sorted by id
        const std::string dayId = dayText(day);
        part.docs.push_back(Document{community + "-" + dayId, community, dayId,
                                     uploadersBody(community, day, timestamp, added, uploaders)});
        if (part.docs.size() >= kPartDocuments) {
            emit(std::move(part));
            part = CommunityDocuments{community, {}};
        }
    }
    if (!part.docs.empty()) emit(std::move(part));
}

}  // namespace statshost::aggregators::leaderboard
