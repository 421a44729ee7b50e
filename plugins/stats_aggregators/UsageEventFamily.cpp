// UsageEventFamily::collectWork(): the recompute rules shared by the usage-event families.
#include "UsageEventFamily.h"

#include <algorithm>
#include <optional>

#include "DayText.h"
#include "UsageScans.h"

namespace statshost::aggregators::usagestats {

void UsageEventFamily::collectMoreWork(AggregationContext&, const ChangeFeed&, const std::set<std::string>&,
                                       const Lower&) {}

void UsageEventFamily::collectWork(AggregationContext& ctx, const ChangeFeed* feed,
                                   const std::map<std::string, DayNumber>& bookmarks, DayNumber asOf,
                                   std::map<std::string, DayNumber>& from) {
    UsageEventRun& run = eventRun(ctx, feed);
    const auto [firstEventDay, lastEventDay] = ctx.source.usageDayRange();
    const bool anyEvents = firstEventDay <= lastEventDay;

    std::set<std::string> known{"global"};
    for (const CommunityInfo& c : ctx.source.communities()) known.insert(c.id);
    const Lower lower = [&](const std::string& id, DayNumber day) {
        if (day > asOf || !known.count(id)) return;
        auto [it, inserted] = from.emplace(id, day);
        if (!inserted) it->second = std::min(it->second, day);
    };
    // The first day a community can have documents: events exist and it has a membership by then.
    auto firstPossibleDay = [&](const std::string& id) -> std::optional<DayNumber> {
        if (!anyEvents) return std::nullopt;
        if (id == "global") return firstEventDay;
        const std::uint32_t c = run.communities.find(id);
        if (c == UsageInterner::kMissing || run.membership.firstInstant(c) == UsageMembership::kOpen) return std::nullopt;
        return std::max<DayNumber>(firstEventDay, dayOfMicros(run.membership.firstInstant(c)));
    };
    for (const std::string& id : known)
        if (!feed || !bookmarks.count(id))
            if (auto day = firstPossibleDay(id)) lower(id, *day);
    if (!feed) return;

    // Days whose stored events changed: whoever had documents then or is attributed by the events now.
    std::vector<DayNumber> changed;
    for (DayNumber d : feed->usageDays)
        if (d <= asOf) changed.push_back(d);
    lowerChangedUsageDays(ctx.store, ctx.source, _alias, changed, run.records, run.communities, run.membership, lower);

    // Events stored before the watermark on days after a bookmark (future-dated, an earlier as-of).
    if (anyEvents) {
        const std::set<DayNumber> changedDays(changed.begin(), changed.end());
        const DayNumber last = std::min<DayNumber>(asOf, lastEventDay);
        for (const auto& [id, bookmark] : bookmarks) {
            DayNumber day = std::max<DayNumber>(bookmark + 1, firstEventDay);
            while (day <= last && changedDays.count(day)) ++day;
            if (day > last) continue;
            const std::uint32_t c = id == "global" ? UsageInterner::kMissing : run.communities.find(id);
            if (id == "global" || (c != UsageInterner::kMissing && run.membership.lastInstant(c) > day * kMicrosPerDay))
                lower(id, day);
        }
    }

    collectMoreWork(ctx, *feed, known, lower);

    // Records whose membership or deletion changed: attribution cannot change before their earliest log event.
    for (const std::string& recordId : feed->recordIds) {
        const std::uint32_t record = run.records.find(recordId);
        if (record == UsageInterner::kMissing) continue;
        for (const auto& [c, earliest] : run.membership.earliestEvents(record))
            lower(run.communities.text(c), anyEvents ? std::max(dayOfMicros(earliest), firstEventDay) : dayOfMicros(earliest));
    }
}

}  // namespace statshost::aggregators::usagestats
