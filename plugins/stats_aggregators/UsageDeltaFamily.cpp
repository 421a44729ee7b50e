// UsageDeltaFamily: construction, the index template, the per-run data, and the labels rule of collectWork().
#include "UsageDeltaFamily.h"

#include "DayText.h"
#include "UsageRunData.h"

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

UsageEventRun& UsageDeltaFamily::eventRun(AggregationContext& ctx, const ChangeFeed* feed) {
    return runData(ctx, feed && !feed->recordIds.empty());  // the labels rule needs the records' items
}

void UsageDeltaFamily::collectMoreWork(AggregationContext& ctx, const ChangeFeed& feed,
                                       const std::set<std::string>& known, const Lower& lower) {
    // The ledger tracks only labels taken from record facets (UsageLabelLedger::written), so without a
    // changed record no label can have changed; this spares an hourly run loading every record.
    if (feed.recordIds.empty()) return;
    UsageRunData& run = runData(ctx, true);
    if (auto day = run.ledger->firstRelabelledDay(*run.catalog, ctx.source)) {
        ctx.logger.info("usage subcount labels changed: recomputing every community from " + dayText(*day));
        for (const std::string& id : known) lower(id, *day);
    }
}

}  // namespace statshost::aggregators::usagestats
