#pragma once
/// Community membership of records at an instant, from the community-events log as it stands when
/// aggregating (SEMANTICS §9.4): per (record, community) the half-open intervals [added, next removed)
/// — basis `added`, instant-granular — cut at the record's deletion (`deleted_date`; intervals that
/// would start after it are empty). A restoration clears the deletion flags on the log, so past
/// membership comes back by itself. "global" is not a community here (events always count in global).
///
/// Numbers: records and communities are numbered by the interners given at construction, so the delta
/// family can share the record numbers with its record index. Memory: the log, compactly (one small
/// struct per event). Not thread safe.
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "UsageInterner.h"
#include "statshost/Sources.h"

namespace statshost::aggregators::usagestats {

class UsageMembership {
public:
    static constexpr std::int64_t kOpen = std::numeric_limits<std::int64_t>::max();

    struct Interval {
        std::uint32_t community = 0;
        std::int64_t from = 0;  ///< µs, inclusive
        std::int64_t to = 0;    ///< µs, exclusive; kOpen when open
    };

    UsageMembership(UsageInterner& records, UsageInterner& communities) : _records(records), _communities(communities) {}

    /// Reads the whole log (forEachCommunityEvent("")) and builds every record's intervals.
    void load(AggregationSource& source);
    /// Adds the events of one record (in (event date, insertion) order); load() does this for every
    /// record. A record may be added once.
    void addRecord(const std::string& recordId, const std::vector<CommunityEvent>& events);

    /// Calls `visit(community)` for each community whose interval of `record` contains `instant`
    /// (each community once).
    template <class Visit>
    void forEachAt(std::uint32_t record, std::int64_t instant, Visit&& visit) const {
        if (record >= _begin.size()) return;
        for (std::uint32_t i = _begin[record]; i < _end[record]; ++i) {
            const Interval& iv = _intervals[i];
            if (iv.from <= instant && instant < iv.to) visit(iv.community);
        }
    }

    /// Non-empty intervals of a record.
    std::vector<Interval> intervalsOf(std::uint32_t record) const;
    /// The earliest instant any non-empty interval of `community` starts (kOpen when none).
    std::int64_t firstInstant(std::uint32_t community) const;
    /// The latest end of the community's non-empty intervals (kOpen when one is open; INT64_MIN when none).
    std::int64_t lastInstant(std::uint32_t community) const;
    /// The earliest event date (any type, deleted or not) of each community (not global) in a record's
    /// events, as (community, µs) pairs; empty for a record without events.
    std::vector<std::pair<std::uint32_t, std::int64_t>> earliestEvents(std::uint32_t record) const;

private:
    struct Compact {
        std::uint32_t record;
        std::uint32_t community;  ///< kGlobal for "global"
        bool added;
        bool deleted;
        std::int64_t date;
        std::int64_t deletedDate;
    };
    static constexpr std::uint32_t kGlobal = UsageInterner::kMissing;

    Compact compact(std::uint32_t record, const CommunityEvent& e);
    void build(const Compact* first, const Compact* last);
    void ensureRecord(std::uint32_t record);
    void ensureCommunity(std::uint32_t community);

    UsageInterner& _records;
    UsageInterner& _communities;
    std::vector<Interval> _intervals;   ///< grouped by record
    std::vector<std::uint32_t> _begin;  ///< per record number: its intervals [begin, end)
    std::vector<std::uint32_t> _end;
    std::vector<std::pair<std::uint32_t, std::int64_t>> _earliest;  ///< grouped by record
    std::vector<std::uint32_t> _earliestBegin;  ///< per record number: its earliest events [begin, end)
    std::vector<std::uint32_t> _earliestEnd;
    std::vector<std::int64_t> _firstByCommunity;
    std::vector<std::int64_t> _lastByCommunity;
};

}  // namespace statshost::aggregators::usagestats
