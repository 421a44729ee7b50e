#pragma once
/// RecordsCatalogShare: one RecordsCatalog, with its presence intervals per date basis, shared by the
/// records families of a process, so that an aggregation run reads the records and the community-events
/// log once for all six families (created/published/added × delta/snapshot) instead of once each.
///
/// A family asks with acquire(); it gets the catalog loaded before when all of these hold, else a new
/// one is loaded (and replaces the old one):
///   1. the store holds the token written when it was loaded (bookmark kTokenBookmark, community "*":
///      a random text per load): the same database, whatever object reads it;
///   2. the source's change counter (AggregationSource::currentChangeSeq) equals the value read before
///      it was loaded: no record, membership, deletion or event changed since (every write takes a
///      change number), so it reads exactly what a new load would;
///   3. the settings that shape it (record subcounts, published-date floor) are the same.
/// A catalog handed out is never changed again (the families only read it; intervals are computed on
/// the first request of a basis, under the share's lock).
///
/// Lifetime: a family joins when it is made and leaves when it is destroyed; endRun() of a family
/// lets the share drop the catalog once every joined family has ended a run since it was loaded (a
/// scheduler tick runs them all), so `serve` keeps at most one catalog between ticks and the next
/// tick still checks 1–3. A run of one aggregation alone (`--aggregation X`) loads it for itself.
///
/// Thread safe (one mutex). instance() is the plugin's share; tests may make their own.
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "PresenceIntervals.h"
#include "RecordsCatalog.h"
#include "statshost/Aggregator.h"

namespace statshost::aggregators {

/// A loaded catalog with what every records family derives from it.
class SharedRecords {
public:
    SharedRecords(std::unique_ptr<RecordsCatalog> catalog, double loadSeconds);

    const RecordsCatalog& catalog() const { return *_catalog; }
    /// Catalog community index of a community id, or -1.
    std::int64_t communityIndex(const std::string& community) const;
    /// Presence intervals per catalog community under `basis` (computed on first use; thread safe).
    const std::vector<std::vector<Presence>>& intervals(DateBasis basis) const;
    /// Wall seconds the load took (for the log line).
    double loadSeconds() const { return _loadSeconds; }

private:
    std::unique_ptr<RecordsCatalog> _catalog;
    std::unordered_map<std::string, std::size_t> _communityIndex;
    double _loadSeconds;
    mutable std::mutex _mutex;
    mutable std::array<std::unique_ptr<std::vector<std::vector<Presence>>>, 3> _intervals;
};

class RecordsCatalogShare {
public:
    /// Bookmark (community "*") holding the token of the last load.
    static constexpr const char* kTokenBookmark = "stats-records-catalog#token";

    /// The share of the stats_aggregators plugin.
    static RecordsCatalogShare& instance();

    void join(const void* family);
    void leave(const void* family);

    /// The catalog for `ctx` (see the file comment). `reused` tells whether it was loaded before.
    std::shared_ptr<const SharedRecords> acquire(AggregationContext& ctx, bool& reused);
    /// `family` ended a run (see the file comment).
    void endRun(const void* family);

    /// Loads done by this share so far (tests).
    std::uint64_t loads() const;

private:
    mutable std::mutex _mutex;
    std::set<const void*> _members;
    std::set<const void*> _endedSinceLoad;
    std::shared_ptr<const SharedRecords> _current;
    std::string _token;
    std::int64_t _seq = 0;
    std::string _settingsKey;
    std::uint64_t _loads = 0;
};

}  // namespace statshost::aggregators
