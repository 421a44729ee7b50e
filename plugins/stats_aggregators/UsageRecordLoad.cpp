// loadRecordsFor() / loadAllRecords(): full or targeted loading of the usage delta's record data.
#include "UsageRecordLoad.h"

#include <limits>
#include <set>
#include <vector>

#include "DayText.h"

namespace statshost::aggregators::usagestats {

namespace {

void ensureLedger(AggregationContext& ctx, UsageRunData& run, const std::string& deltaAlias) {
    if (run.ledger) return;
    run.ledger = std::make_unique<UsageLabelLedger>(UsageLabelLedger::aliasFor(deltaAlias));
    run.ledger->load(ctx.store);
}

void freshIndex(AggregationContext& ctx, UsageRunData& run) {
    run.catalog = std::make_unique<UsageCatalog>(ctx.settings.usageSubcounts);
    run.recordIndex = std::make_unique<UsageRecordIndex>(*run.catalog, run.records, run.parents);
}

/// What the events of a window name: record ids and the event facet values.
struct WindowNames {
    std::set<std::string> records, countries, referrers, fileTypes;
};

/// Takes the ledger's label for a record-fed item, as if the earliest published record carried it;
/// false when the ledger has none (the item's label could then come from any record).
bool labelFromLedger(UsageRunData& run, std::uint64_t packed) {
    const UsageCatalog::Subcount& sc = run.catalog->subcount(itemSubcount(packed));
    if (sc.recordFacets.empty()) return true;  // labels of event-only subcounts need no record
    const std::string* label = run.ledger->labelOf(sc.spec.deltaKey, run.catalog->id(packed));
    if (!label || label->empty()) return false;
    run.catalog->offerLabel(packed, std::numeric_limits<std::int64_t>::min(), *label);
    return true;
}

/// The targeted load of [first, to]; false when a full load is needed instead.
bool loadTargeted(AggregationContext& ctx, UsageRunData& run, DayNumber first, DayNumber to) {
    WindowNames names;
    ctx.source.scanUsage(first, to, [&](const UsageFact& e) {
        if (!run.targetedRecords.count(e.recordId)) names.records.insert(e.recordId);
        if (!e.country.empty()) names.countries.insert(e.country);
        if (!e.referrerHost.empty()) names.referrers.insert(e.referrerHost);
        if (e.download && !e.fileType.empty()) names.fileTypes.insert(e.fileType);
    });
    if (!run.catalog) freshIndex(ctx, run);
    UsageCatalog& catalog = *run.catalog;

    bool labelled = true;
    const std::vector<std::string> wanted(names.records.begin(), names.records.end());
    for (const RecordFacts& r : ctx.source.records(wanted)) {
        run.recordIndex->add(r);
        const std::uint32_t record = run.records.find(r.recordId);
        const auto check = [&](std::uint64_t packed) { labelled = labelFromLedger(run, packed) && labelled; };
        run.recordIndex->forEachCommonItem(record, check);
        run.recordIndex->forEachViewFileItem(record, check);
    }
    run.targetedRecords.insert(wanted.begin(), wanted.end());
    ctx.logger.debug("usage delta: read the " + std::to_string(wanted.size()) + " records the events of " +
                     dayText(first) + ".." + dayText(to) + " name");
    // Items an event brings into a subcount that records also feed (e.g. a downloaded file's type).
    for (std::uint32_t s = 0; s < catalog.size() && labelled; ++s) {
        const UsageCatalog::Subcount& sc = catalog.subcount(s);
        if (sc.recordFacets.empty()) continue;
        const auto checkAll = [&](const std::set<std::string>& values) {
            for (const std::string& v : values) labelled = labelFromLedger(run, packItem(s, catalog.item(s, v))) && labelled;
        };
        if (sc.country) checkAll(names.countries);
        if (sc.referrer) checkAll(names.referrers);
        if (sc.fileType) checkAll(names.fileTypes);
    }
    return labelled;
}

}  // namespace

void loadAllRecords(AggregationContext& ctx, UsageRunData& run, const std::string& deltaAlias) {
    ensureLedger(ctx, run, deltaAlias);
    if (run.allRecords) return;
    freshIndex(ctx, run);
    run.recordIndex->load(ctx.source);
    run.allRecords = true;
    run.targetedRecords.clear();
}

void loadRecordsFor(AggregationContext& ctx, UsageRunData& run, const std::string& deltaAlias, DayNumber first,
                    DayNumber to) {
    ensureLedger(ctx, run, deltaAlias);
    if (run.allRecords) return;
    if (run.ledgerCurrent && to - first < kTargetedMaxDays) {
        if (loadTargeted(ctx, run, first, to)) return;
        ctx.logger.info("usage delta: an item without a written label; loading every record");
    }
    loadAllRecords(ctx, run, deltaAlias);
}

}  // namespace statshost::aggregators::usagestats
