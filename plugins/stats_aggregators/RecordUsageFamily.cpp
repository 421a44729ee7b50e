// RecordUsageFamily: construction, the index templates, the per-run data, and collectWork().
#include "RecordUsageFamily.h"

#include <algorithm>
#include <optional>
#include <set>

#include "DayText.h"
#include "RecordUsageRunData.h"
#include "UsageScans.h"

namespace statshost::aggregators::recordusage {

using usagestats::UsageInterner;
using usagestats::UsageMembership;

RecordUsageFamily::RecordUsageFamily() = default;
RecordUsageFamily::~RecordUsageFamily() = default;

void RecordUsageFamily::setNames(std::string aggregationName, std::string alias, std::string recordAlias) {
    _name = std::move(aggregationName);
    _alias = std::move(alias);
    _recordAlias = std::move(recordAlias);
}

namespace {

const char* kNumbers = R"("views":"long","unique_views":"long","downloads":"long","unique_downloads":"long",)"
                       R"("data_volume":"double")";

}  // namespace

IndexTemplate RecordUsageFamily::indexTemplate(const std::string& aggregationName, const std::string& alias) const {
    IndexTemplate t;
    t.alias = alias;
    t.dateField = "period_start";
    t.mappingJson = std::string(R"({"family":"community-record-usage-delta","fields":{"community_id":"keyword",)") +
                    R"("period_start":"date","period_end":"date","timestamp":"date","totals":{)" + kNumbers +
                    R"(},"records":[{"id":"keyword","parent":"keyword",)" + kNumbers + R"(}],)" +
                    R"("parents":[{"id":"keyword",)" + kNumbers + R"(,"versions":"long"}]}})";
    t.fill = FillRule::None;
    t.extentBookmark = aggregationName;
    return t;
}

IndexTemplate RecordUsageFamily::recordTemplate() const {
    IndexTemplate t;
    t.alias = _recordAlias;
    t.dateField = "period_start";
    t.mappingJson = std::string(R"({"family":"record-usage-delta","fields":{"parent_id":"keyword",)") +
                    R"("period_start":"date","period_end":"date","timestamp":"date",)" +
                    R"("versions":[{"id":"keyword",)" + kNumbers + R"(}],"all_versions":{)" + kNumbers + "}}}";
    t.fill = FillRule::None;
    t.extentBookmark = _name;
    return t;
}

RecordUsageRunData& RecordUsageFamily::runData(AggregationContext& ctx) {
    if (!_run) {
        _run = std::make_unique<RecordUsageRunData>();
        _run->membership.load(ctx.source);
    }
    return *_run;
}

void RecordUsageFamily::endRun() { _run.reset(); }

void RecordUsageFamily::collectWork(AggregationContext& ctx, const ChangeFeed* feed,
                                    const std::map<std::string, DayNumber>& bookmarks, DayNumber asOf,
                                    std::map<std::string, DayNumber>& from) {
    RecordUsageRunData& run = runData(ctx);
    const auto [firstEventDay, lastEventDay] = ctx.source.usageDayRange();
    const bool anyEvents = firstEventDay <= lastEventDay;

    std::set<std::string> known{"global"};
    for (const CommunityInfo& c : ctx.source.communities()) known.insert(c.id);
    auto lower = [&](const std::string& id, DayNumber day) {
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
    usagestats::lowerChangedUsageDays(ctx.store, ctx.source, _alias, changed, run.records, run.communities,
                                      run.membership, lower);

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

    // Records whose membership or deletion changed: attribution cannot change before their earliest log event.
    for (const std::string& recordId : feed->recordIds) {
        const std::uint32_t record = run.records.find(recordId);
        if (record == UsageInterner::kMissing) continue;
        for (const auto& [c, earliest] : run.membership.earliestEvents(record))
            lower(run.communities.text(c), anyEvents ? std::max(dayOfMicros(earliest), firstEventDay) : dayOfMicros(earliest));
    }
}

}  // namespace statshost::aggregators::recordusage
