#pragma once
/// The usage snapshots rendered on read (Store.h DocumentDeriver for `stats-community-usage-snapshot`).
///
/// A community's snapshot documents are those the snapshot family used to store: one per day D that has
/// a usage delta document, for D up to the family's last computed day (the day of its bookmark, else
/// of the latest state document). A community whose latest state has no render settings (written by a
/// release that stored the snapshots) has none until the next run recomputes it from its first day
/// (UsageSnapshotFamily::collectWork); the rows that release stored are never read and that run
/// deletes them. The document of D is rendered by UsageSnapshotState from the latest
/// usable state on or before D plus the delta documents after it through D, with the lists, top limit
/// and timestamp the state documents record (UsageSnapshotRender: those of the first state on or after D,
/// which the run that computed D wrote; else the latest state).
///
/// Usable states, and what a reader racing an aggregation run sees: the delta family records the first
/// day whose delta documents change (bookmark `<delta aggregation>#changed`) before it writes them, and
/// the snapshot family clears that marker only after it rewrote the states from that day; the driver's
/// dirty marker (`<snapshot aggregation>#dirty`) covers days a run left stale. States on or after the
/// earlier of the two markers are not used for sums (they may predate the deltas now stored); a state no
/// delta document precedes is never used. So a render never adds deltas to a state newer than they are;
/// its sums are those of the delta documents read. State and deltas are separate reads (no common read
/// transaction through DocumentStore): a delta run that starts between them can make one render mix the
/// old state with new deltas; the next read is consistent again, and answer caches keyed by the snapshot
/// aggregation's bookmark are invalidated when the run that follows moves it.
///
/// Cost: a read of days [F, L] reads one state (full sums), the deltas from that state through L (at most
/// one keyframe period, a quarter, before F: UsageSnapshotPeriods.h), and the render member of about one
/// state per period; `latest` of a day with a usable state reads that state and no delta. Memory is one
/// community's sums (a scan over every community holds one per community met).
#include <map>
#include <optional>
#include <string>

#include "statshost/Store.h"

namespace statshost::aggregators::usagestats {

class UsageSnapshotDeriver : public DocumentDeriver {
public:
    struct Names {
        std::string snapshotAggregation;  ///< bookmark giving each community's last computed day
        std::string deltaIndex;
        std::string deltaAggregation;     ///< its change marker (UsageChangeTracker)
        std::string stateIndex;
    };
    explicit UsageSnapshotDeriver(Names names) : _names(std::move(names)) {}

    void scan(DocumentStore& store, const DocumentRange& range,
              const std::function<bool(const Document&)>& visit) override;
    std::optional<Document> latest(DocumentStore& store, const std::string& communityId,
                                   const std::string& onOrBeforeDay) override;
    std::uint64_t count(DocumentStore& store, const DocumentRange& range) override;

    /// The last day with a snapshot document of `community` (see above); nullopt = none. Reads the
    /// community's latest state.
    std::optional<std::string> lastDay(DocumentStore& store, const std::string& community) const;

private:
    void scanCommunity(DocumentStore& store, const DocumentRange& range,
                       const std::function<bool(const Document&)>& visit);
    void scanEveryCommunity(DocumentStore& store, const DocumentRange& range,
                            const std::function<bool(const Document&)>& visit);

    Names _names;
};

}  // namespace statshost::aggregators::usagestats
