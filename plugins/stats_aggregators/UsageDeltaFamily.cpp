// UsageDeltaFamily: construction, the index template, the per-run data, and collectWork().
#include "UsageDeltaFamily.h"

#include <algorithm>
#include <set>

#include "DayText.h"
#include "UsageRunData.h"
#include "UsageScans.h"

namespace statshost::aggregators::usagestats {

UsageDeltaFamily::UsageDeltaFamily() = default;
UsageDeltaFamily::~UsageDeltaFamily() = default;

void UsageDeltaFamily::setNames(std::string aggregationName, std::string alias) {
    _name = std::move(aggregationName);
    _alias = std::move(alias);
}

IndexTemplate UsageDeltaFamily::indexTemplate(const std::string& aggregationName, const std::string& alias) const {
    IndexTemplate t;
    t.alias = alias;
    t.dateField = "period_start";
    t.mappingJson =
        R"({"community_id":"keyword","period_start":"date","period_end":"date","timestamp":"date",)"
        R"("totals":{"view":{"total_events":"long","unique_visitors":"long","unique_records":"long",)"
        R"("unique_parents":"long"},"download":{"total_events":"long","unique_visitors":"long",)"
        R"("unique_records":"long","unique_parents":"long","unique_files":"long","total_volume":"double"}},)"
        R"("subcounts":{"<by_key>":[{"id":"keyword","label":"keyword","view":"<as totals.view>",)"
        R"("download":"<as totals.download>"}]}})";
    t.fill = FillRule::Zero;
    t.extentBookmark = aggregationName;
    return t;
}

IndexTemplate UsageDeltaFamily::labelsTemplate() const {
    return UsageLabelLedger::indexTemplate(UsageLabelLedger::aliasFor(_alias));
}

UsageRunData& UsageDeltaFamily::runData(AggregationContext& ctx, bool withRecords) {
    if (!_run) {
        _run = std::make_unique<UsageRunData>();
        _run->membership.load(ctx.source);
    }
    if (withRecords && !_run->recordIndex) {
        _run->catalog = std::make_unique<UsageCatalog>(ctx.settings.usageSubcounts);
        _run->recordIndex = std::make_unique<UsageRecordIndex>(*_run->catalog, _run->records, _run->parents);
        _run->recordIndex->load(ctx.source);
        _run->ledger = std::make_unique<UsageLabelLedger>(UsageLabelLedger::aliasFor(_alias));
        _run->ledger->load(ctx.store);
    }
    return *_run;
}

void UsageDeltaFamily::endRun() { _run.reset(); }

void UsageDeltaFamily::collectWork(AggregationContext& ctx, const ChangeFeed* feed,
                                   const std::map<std::string, DayNumber>& bookmarks, DayNumber asOf,
                                   std::map<std::string, DayNumber>& from) {
    UsageRunData& run = runData(ctx, feed != nullptr);
    const auto [firstEventDay, lastEventDay] = ctx.source.usageDayRange();
    const bool anyEvents = firstEventDay <= lastEventDay;

    std::set<std::string> known;
    for (const CommunityInfo& c : ctx.source.communities()) known.insert(c.id);
    known.insert("global");
    auto lower = [&](const std::string& id, DayNumber day) {
        if (day > asOf || !known.count(id)) return;
        auto [it, inserted] = from.emplace(id, day);
        if (!inserted) it->second = std::min(it->second, day);
    };
    // The first day a community can have documents: events exist and it has a membership by then.
    auto firstDayOf = [&](const std::string& id) -> std::optional<DayNumber> {
        if (!anyEvents) return std::nullopt;
        if (id == "global") return firstEventDay;
        const std::uint32_t c = run.communities.find(id);
        if (c == UsageInterner::kMissing || run.membership.firstInstant(c) == UsageMembership::kOpen) return std::nullopt;
        return std::max<DayNumber>(firstEventDay, dayOfMicros(run.membership.firstInstant(c)));
    };

    if (!feed) {
        for (const std::string& id : known)
            if (auto day = firstDayOf(id)) lower(id, *day);
        return;
    }
    for (const std::string& id : known)
        if (!bookmarks.count(id))
            if (auto day = firstDayOf(id)) lower(id, *day);

    // Days whose stored events changed.
    std::vector<DayNumber> changed;
    for (DayNumber d : feed->usageDays)
        if (d <= asOf) changed.push_back(d);
    lowerChangedUsageDays(ctx.store, ctx.source, _alias, changed, run.records, run.communities, run.membership, lower);

    // Events stored before the watermark on days after a bookmark.
    if (anyEvents) {
        const std::set<DayNumber> changedSet(changed.begin(), changed.end());
        for (const auto& [id, bookmark] : bookmarks) {
            const DayNumber last = std::min<DayNumber>(asOf, lastEventDay);
            DayNumber day = std::max<DayNumber>(bookmark + 1, firstEventDay);
            while (day <= last && changedSet.count(day)) ++day;
            if (day > last) continue;
            if (id == "global") {
                lower(id, day);
                continue;
            }
            const std::uint32_t c = run.communities.find(id);
            if (c != UsageInterner::kMissing && run.membership.lastInstant(c) > day * kMicrosPerDay) lower(id, day);
        }
    }

    // Labels that changed since documents were written with them.
    if (auto day = run.ledger->firstRelabelledDay(*run.catalog, ctx.source)) {
        ctx.logger.info("usage subcount labels changed: recomputing every community from " + dayText(*day));
        for (const std::string& id : known) lower(id, *day);
    }

    // Records whose membership (or deletion) changed.
    for (const std::string& recordId : feed->recordIds) {
        const std::uint32_t record = run.records.find(recordId);
        if (record == UsageInterner::kMissing) continue;
        for (const auto& [c, earliest] : run.membership.earliestEvents(record)) {
            DayNumber day = dayOfMicros(earliest);
            if (anyEvents) day = std::max<DayNumber>(day, firstEventDay);
            lower(run.communities.text(c), day);
        }
    }
}

}  // namespace statshost::aggregators::usagestats
