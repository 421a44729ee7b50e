#pragma once
/// The usage delta family (`stats-community-usage-delta`, SEMANTICS §6, §9.4, §9.5, §10.4–10.6, §10.16):
/// per community and "global", one document per day with a counted, attributed event (sparse,
/// FillRule::Zero; missing days read as zero documents).
///
/// compute() scans the stored events day by day (AggregationSource::scanUsage) once for all
/// communities of the call. Each event counts in "global" and in every community whose membership
/// interval of the record contains the event instant (UsageMembership). Per (community, day):
/// totals and every usage subcount item (UsageCatalog: record facets from the record's facts, read
/// once per run; country, referrer and a download's file type from the event; a view counts every file
/// type of the record) with view/download total_events, distinct visitors / records / parents
/// (/ files) and total_volume. Memory: the run's records and log compactly, plus one day's distinct
/// values; documents go to the driver in parts of about partBytes().
///
/// collectWork() — which (community, first day) to recompute, given the change feed:
///   - no watermark: every community from its first possible day (the first day with events, not
///     before its first membership), "global" from the first day with events;
///   - a community without a bookmark: the same;
///   - a day whose stored events changed (late, imported, merged double clicks): "global", every
///     community attributed by the day's current events and every community with a stored document that
///     day (it may have lost its events), from that day;
///   - events stored before the watermark on days after a community's bookmark (e.g. future-dated, or a
///     run with an earlier as-of): from the first such day, for "global" and for communities with a
///     membership reaching that day;
///   - a record whose row or log events changed (membership change, deletion, restoration): every
///     community in the record's log, from the earliest log event of that (record, community) — no
///     membership interval, old or new, starts earlier, so attribution cannot change before it.
///     "global" is not affected (events count in global whatever the membership).
///   - a label that changed since documents were written with it (UsageLabelLedger): every community
///     from the first day the item appears in a document.
///
/// Change markers for the snapshot: see UsageChangeTracker.
#include <memory>
#include <string>

#include "AggregatorDriver.h"
#include "Family.h"
#include "UsageParts.h"

namespace statshost::aggregators::usagestats {

struct UsageRunData;

class UsageDeltaFamily : public Family, public RunScopedFamily, public UsageParts {
public:
    UsageDeltaFamily();
    ~UsageDeltaFamily() override;

    /// The aggregation's name (for the change markers) and its alias; called by the aggregator's configure().
    void setNames(std::string aggregationName, std::string alias);

    IndexTemplate indexTemplate(const std::string& aggregationName, const std::string& alias) const override;
    /// The label ledger's index template (UsageLabelLedger).
    IndexTemplate labelsTemplate() const;
    void collectWork(AggregationContext& ctx, const ChangeFeed* feed, const std::map<std::string, DayNumber>& bookmarks,
                     DayNumber asOf, std::map<std::string, DayNumber>& from) override;
    void compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                 const std::function<void(CommunityDocuments&&)>& emit) override;
    void endRun() override;

private:
    UsageRunData& runData(AggregationContext& ctx, bool withRecords);

    std::string _name;
    std::string _alias;
    std::unique_ptr<UsageRunData> _run;
};

}  // namespace statshost::aggregators::usagestats
