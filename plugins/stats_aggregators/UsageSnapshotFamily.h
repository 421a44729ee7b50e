#pragma once
/// The usage snapshot family (`stats-community-usage-snapshot`, SEMANTICS §6, §10.16): for community C
/// and day D the running sums of C's usage delta documents from its first day through D
/// (UsageSnapshotState; cumulative unique_* are sums of daily distinct counts). The snapshot documents are
/// not stored: the family keeps only the state documents (below) and the alias is derived — rendered on
/// read by UsageSnapshotDeriver (Store.h DocumentDeriver), one document per day with a delta document,
/// read densely with FillRule::CarryForward. A run deletes stored snapshot rows of its windows (left by a
/// release that stored them; reads ignore them). It reads the stored delta documents, so it must run
/// after the delta aggregation (configuration order). Each community's window is a UsageSnapshotWindow;
/// their deltas are read a piece of days at a time, by one scan of every community when most are in the
/// run (a backfill, an hourly run), else per community.
///
/// Params: `delta_index` (default stats-community-usage-delta) — the delta alias read;
/// `delta_aggregation` (default community-usage-delta-agg) — the delta aggregation's name, whose change
/// markers this family consumes; `state_index` (default `<templates>-state`) — where the full running
/// sums are kept.
///
/// Running sums across runs: a `top` list keeps only its first items, so a snapshot document cannot
/// seed the next one. The full sums are stored as state documents (an index of their own, one per
/// community at the last day computed and at keyframe period ends (quarters, UsageSnapshotPeriods.h),
/// each with the run's render settings and timestamps, UsageSnapshotRender): a recompute from day F
/// starts from the latest state on or before F-1 and adds the delta documents after that state's day. Every stored state equals
/// the sums of the current delta documents through its day: a state on or after F is replaced whenever
/// days from F are recomputed, and days from F are recomputed whenever a delta document on or after F
/// changes (below); a window that no delta document precedes starts from nothing, and a state that no
/// delta document precedes is never used. Lost states only cost a longer re-read.
///
/// Which communities are dirty (collectWork): a community's snapshot is dirty from the first day whose
/// delta document changed. The delta family finds that day by comparing what it computes with what was
/// stored and records it in the bookmark `<delta aggregation>#changed` before writing
/// (UsageChangeTracker); this family takes those markers as work and consumes them after writing
/// (cleared, or moved to the first delta document after the window when the window stopped early).
/// Without a watermark (first run, cleared bookmarks, --ignore-bookmark, changed settings), for a
/// community without a bookmark, and for one whose latest state has no render settings (an older
/// release's), everything from the first day with usage events.
#include <map>
#include <optional>
#include <string>

#include "AggregatorDriver.h"
#include "Family.h"

namespace statshost::aggregators::usagestats {

class UsageSnapshotFamily : public Family, public RunScopedFamily {
public:
    static constexpr const char* kDefaultDeltaIndex = "stats-community-usage-delta";
    static constexpr const char* kDefaultDeltaAggregation = "community-usage-delta-agg";
    /// Names and params (empty = the defaults); called by the aggregator's configure().
    void setNames(std::string aggregationName, std::string alias, std::string deltaIndex, std::string deltaAggregation,
                  std::string stateIndex);
    const std::string& stateIndex() const { return _stateIndex; }

    IndexTemplate indexTemplate(const std::string& aggregationName, const std::string& alias) const override;
    /// The state index's template (FillRule::None).
    IndexTemplate stateTemplate() const;

    void collectWork(AggregationContext& ctx, const ChangeFeed* feed, const std::map<std::string, DayNumber>& bookmarks,
                     DayNumber asOf, std::map<std::string, DayNumber>& from) override;
    void compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                 const std::function<void(CommunityDocuments&&)>& emit) override;
    /// Forgets the states collectWork() read (another process may write states before the next run).
    void endRun() override { _latestStates.clear(); }

private:
    void consumeMarker(AggregationContext& ctx, const std::string& community, DayNumber from, DayNumber to);

    std::string _name;
    std::string _alias;
    std::string _deltaIndex = kDefaultDeltaIndex;
    std::string _deltaAggregation = kDefaultDeltaAggregation;
    std::string _stateIndex;
    /// The latest state of each community as collectWork() read it (nullopt: none), handed to the
    /// community's first window of the run (UsageSnapshotWindow), then forgotten: only this family writes
    /// states, and a window's own writes make the entry stale, so each entry is used once.
    std::map<std::string, std::optional<Document>> _latestStates;
};

}  // namespace statshost::aggregators::usagestats
