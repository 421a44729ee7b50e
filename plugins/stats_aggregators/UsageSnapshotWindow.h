#pragma once
/// One community's window of a usage snapshot run (UsageSnapshotFamily): the running sums through the
/// day before the window (from the latest state and the delta documents after it), then the window's
/// delta documents added in day order, with the state checkpoints at keyframe period ends
/// (UsageSnapshotPeriods.h) and at the window's last day. The family feeds several windows from one
/// scan of the delta documents of every community when most communities are in the run.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "Family.h"
#include "UsageSnapshotRender.h"
#include "UsageSnapshotState.h"

namespace statshost::aggregators::usagestats {

class UsageSnapshotWindow {
public:
    struct Indices {
        std::string delta;  ///< the delta alias read
        std::string state;  ///< the state alias written
    };
    /// Reads the sums through item.from - 1 and the stamps the window's first period keeps.
    /// `latestState`, when not null, is the community's latest state over all days as read in this run
    /// with no state written since (nullopt: none); it spares reading the state before the window again.
    UsageSnapshotWindow(AggregationContext& ctx, const Indices& indices, const WorkItem& item, DayNumber to,
                        const std::string& stamp, const std::optional<Document>* latestState = nullptr);

    const std::string& community() const { return _community; }
    DayNumber from() const { return _from; }
    /// Adds the next delta document of the community (day in [from, to], ascending), writing the
    /// checkpoints of the periods it closes.
    void add(const Document& delta);
    /// Writes the remaining checkpoints and removes the states after the last one through `to`.
    void finish();

private:
    void checkpoint(DayNumber day);
    /// The stamps of the days of the first period before the window, as that period's states keep them
    /// (they are replaced from the period's start); `prior` is the latest state before the window.
    std::vector<std::pair<std::string, std::string>> carriedStamps(const std::optional<Document>& prior) const;

    AggregationContext& _ctx;
    const Indices& _indices;
    std::string _community;
    DayNumber _from;
    DayNumber _to;
    std::string _stamp;
    UsageSnapshotState _state;
    UsageSnapshotRender _render;
    DayNumber _firstPeriod;
    std::vector<std::pair<std::string, std::string>> _carried;
    DayNumber _replacedThrough;
    bool _firstPeriodKept;                ///< else the first period needs a state keeping its stamps
    std::optional<DayNumber> _lastAdded;  ///< day of the last delta added in this window
};

}  // namespace statshost::aggregators::usagestats
