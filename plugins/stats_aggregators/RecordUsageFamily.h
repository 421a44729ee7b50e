#pragma once
/// The per-record usage families (issue 8, the data behind the top-records leaderboards), written by
/// one aggregation (`community-record-usage-delta-agg`):
///
///   F1 `stats-community-record-usage-delta` (the aggregation's alias, driven by AggregatorDriver): one
///      document per (community or "global", day) with at least one attributed event (FillRule::None):
///      totals, and per record version and per parent the views, distinct viewers, downloads, distinct
///      downloaders and downloaded bytes of the day (RecordUsageDocuments.h).
///   F2 `stats-record-usage-delta` (the `record_index` alias): one document per (parent, day) with events
///      of any of its versions; Document::communityId is the parent id. Written by compute() itself.
///
/// The events, their attribution and the meaning of every number are those of the usage delta
/// (UsageDeltaFamily, SEMANTICS §6): every stored event (double-click survivors, machines included)
/// counts in "global" and in each community whose `added` membership interval of the record contains
/// the event instant (UsageMembership). views/downloads = events, unique_views/unique_downloads =
/// distinct visitor ids of the day among those events (for a parent: over all its versions), data_volume
/// = the downloads' bytes. So F1 `totals` equal the usage delta's totals.{view,download}.{total_events,
/// unique_visitors} and download.total_volume for the same community and day.
///
/// F2 is "global" split by parent: whenever compute() recomputes "global" over [from, to] it also
/// replaces F2 over [from, to] for every parent (DocumentStore::replaceRange with an empty community, in
/// contiguous day chunks of about partBytes()). So F2 is correct through global's bookmark, dirty days
/// of global are dirty days of F2, and a run that does not touch "global" leaves F2 as it is.
///
/// collectWork(): the rules of UsageEventFamily (the usage delta's, without labels).
///
/// Memory: the run's membership log (compact) plus one day's records, parents and distinct visitors;
/// documents go to the driver / F2 in parts of about partBytes().
#include <memory>
#include <string>

#include "UsageEventFamily.h"

namespace statshost::aggregators::recordusage {



class RecordUsageFamily : public usagestats::UsageEventFamily {
public:
    RecordUsageFamily();
    ~RecordUsageFamily() override;

    /// The F1 alias (the aggregation's `templates`) and the F2 alias; called by the aggregator's configure().
    void setNames(std::string aggregationName, std::string alias, std::string recordAlias);
    const std::string& recordAlias() const { return _recordAlias; }

    IndexTemplate indexTemplate(const std::string& aggregationName, const std::string& alias) const override;
    /// The F2 template (alias recordAlias(), FillRule::None).
    IndexTemplate recordTemplate() const;
    void compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                 const std::function<void(CommunityDocuments&&)>& emit) override;
    void endRun() override;

protected:
    usagestats::UsageEventRun& eventRun(AggregationContext& ctx, const ChangeFeed* feed) override;

private:
    std::string _recordAlias;
    std::unique_ptr<usagestats::UsageEventRun> _run;
};

}  // namespace statshost::aggregators::recordusage
