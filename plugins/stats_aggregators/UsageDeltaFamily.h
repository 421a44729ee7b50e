#pragma once
/// The usage delta family (`stats-community-usage-delta`, SEMANTICS §6, §9.4, §9.5, §10.4–10.6, §10.16):
/// per community and "global", one document per day with a counted, attributed event (sparse,
/// FillRule::Zero; missing days read as zero documents).
///
/// compute() scans the stored events day by day (AggregationSource::scanUsage) once for all
/// communities of the call. Each event counts in "global" and in every community whose membership
/// interval of the record contains the event instant (UsageMembership). Per (community, day):
/// totals and every usage subcount item (UsageCatalog: record facets from the record's facts, read
/// once per run: every record, or only those the window's events name, UsageRecordLoad.h; country,
/// referrer and a download's file type from the event; a view counts every file
/// type of the record) with view/download total_events, distinct visitors / records / parents
/// (/ files) and total_volume. Memory: the run's records and log compactly, plus one day's distinct
/// values; documents go to the driver in parts of about partBytes().
///
/// collectWork(): the rules of UsageEventFamily, plus a label that changed since documents were written
/// with it (UsageLabelLedger): every community from the first day the item appears in a document.
///
/// Change markers for the snapshot: see UsageChangeTracker.
#include <memory>
#include <string>

#include "UsageEventFamily.h"

namespace statshost::aggregators::usagestats {

struct UsageRunData;

class UsageDeltaFamily : public UsageEventFamily {
public:
    UsageDeltaFamily();
    ~UsageDeltaFamily() override;

    /// The aggregation's name (for the change markers) and its alias; called by the aggregator's configure().
    void setNames(std::string aggregationName, std::string alias);

    IndexTemplate indexTemplate(const std::string& aggregationName, const std::string& alias) const override;
    /// The label ledger's index template (UsageLabelLedger).
    IndexTemplate labelsTemplate() const;
    void compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                 const std::function<void(CommunityDocuments&&)>& emit) override;
    void endRun() override;

protected:
    UsageEventRun& eventRun(AggregationContext& ctx, const ChangeFeed* feed) override;
    void collectMoreWork(AggregationContext& ctx, const ChangeFeed& feed, const std::set<std::string>& known,
                         const Lower& lower) override;

private:
    /// The run's data, created with its membership on first use (records: UsageRecordLoad.h).
    UsageRunData& runData(AggregationContext& ctx);

    std::unique_ptr<UsageRunData> _run;
};

}  // namespace statshost::aggregators::usagestats
