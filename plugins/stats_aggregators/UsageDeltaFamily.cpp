// UsageDeltaFamily: construction, the index template, the per-run data, and the labels rule of collectWork().
#include "UsageDeltaFamily.h"

#include "DayText.h"
#include "UsageRecordLoad.h"
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

UsageRunData& UsageDeltaFamily::runData(AggregationContext& ctx) {
    if (!_run) {
        _run = std::make_unique<UsageRunData>();
        _run->membership.load(ctx.source);
    }
    return *_run;
}

void UsageDeltaFamily::endRun() { _run.reset(); }

UsageEventRun& UsageDeltaFamily::eventRun(AggregationContext& ctx, const ChangeFeed* feed) {
    const bool firstCall = !_run;
    UsageRunData& run = runData(ctx);
    // On the run's first collectWork() the stored "global" dirty marker is still the one earlier runs
    // left: without it, every document an earlier labels rule made dirty was rewritten (and the ledger
    // with it), so with no record changed since, the ledger's labels are the current ones.
    if (firstCall)
        run.ledgerCurrent = feed && feed->recordIds.empty() &&
                            !ctx.store.bookmark(AggregatorDriver::dirtyName(_name), "global");
    return run;
}

void UsageDeltaFamily::collectMoreWork(AggregationContext& ctx, const ChangeFeed& feed,
                                       const std::set<std::string>& known, const Lower& lower) {
    // The ledger tracks only labels taken from record facets (UsageLabelLedger::written), so without a
    // changed record no label can have changed; this spares an hourly run loading every record.
    if (feed.recordIds.empty()) return;
    UsageRunData& run = runData(ctx);
    loadAllRecords(ctx, run, _alias);
    if (auto day = run.ledger->firstRelabelledDay(*run.catalog, ctx.source)) {
        ctx.logger.info("usage subcount labels changed: recomputing every community from " + dayText(*day));
        for (const std::string& id : known) lower(id, *day);
    }
}

}  // namespace statshost::aggregators::usagestats
