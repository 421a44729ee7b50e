#pragma once
/// What the families computed straight from the stored usage events share (UsageDeltaFamily,
/// RecordUsageFamily): the run's interned records, parents and communities with the membership log
/// (UsageEventRun), and the rules that decide which (community, first day) to recompute.
///
/// collectWork() — given the change feed (SEMANTICS §8):
///   - no watermark: every community from its first possible day (the first day with events, not
///     before its first membership), "global" from the first day with events;
///   - a community without a bookmark: the same;
///   - a day whose stored events changed (late, imported, merged double clicks): "global", every
///     community attributed by the day's current events and every community with a stored document of
///     the family's alias that day (it may have lost its events), from that day;
///   - events stored before the watermark on days after a community's bookmark (future-dated, or a run
///     with an earlier as-of): from the first such day, for "global" and for communities with a
///     membership reaching that day;
///   - a record whose row or log events changed (membership change, deletion, restoration): every
///     community in the record's log, from the earliest log event of that (record, community) — no
///     membership interval, old or new, starts earlier, so attribution cannot change before it.
///     "global" is not affected (events count in global whatever the membership).
///   - whatever collectMoreWork() of the family adds (the usage delta: relabelled items).
/// Days after `asOf` and ids that are neither a known community nor "global" are ignored.
#include <functional>
#include <set>
#include <string>

#include "AggregatorDriver.h"
#include "Family.h"
#include "UsageInterner.h"
#include "UsageMembership.h"
#include "UsageParts.h"

namespace statshost::aggregators::usagestats {

/// The run-scoped data every usage-event family loads once per run.
struct UsageEventRun {
    UsageInterner records;
    UsageInterner parents;
    UsageInterner communities;
    UsageMembership membership{records, communities};

    virtual ~UsageEventRun() = default;
};

class UsageEventFamily : public Family, public RunScopedFamily, public UsageParts {
public:
    void collectWork(AggregationContext& ctx, const ChangeFeed* feed, const std::map<std::string, DayNumber>& bookmarks,
                     DayNumber asOf, std::map<std::string, DayNumber>& from) final;

protected:
    using Lower = std::function<void(const std::string& community, DayNumber day)>;

    /// The run's data (created and its membership loaded on first use); `feed` is the change feed of
    /// collectWork() (nullptr: none), for families that load more when there is one.
    virtual UsageEventRun& eventRun(AggregationContext& ctx, const ChangeFeed* feed) = 0;
    /// Rules of the family beyond the shared ones, with a feed; `known` holds every community and "global".
    virtual void collectMoreWork(AggregationContext& ctx, const ChangeFeed& feed, const std::set<std::string>& known,
                                 const Lower& lower);

    std::string _name;   ///< the aggregation's name
    std::string _alias;  ///< the alias the family's documents are written to
};

}  // namespace statshost::aggregators::usagestats
