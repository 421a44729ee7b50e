#pragma once
/// Community attribution of a usage event (SEMANTICS.md §9.4): the communities whose membership
/// interval of the record contains the event instant, from the community-events log as it stands
/// now (a restoration restores past membership, so this is resolved when aggregating, never frozen
/// at ingest). Intervals are half-open: [added, next removed or the deletion) per community;
/// "global" is never returned (events count in global always).
#include <cstdint>
#include <string>
#include <vector>

#include "statshost/Repository.h"

namespace statshost::usage {

/// Membership intervals of one record, built once from its events, answering instants quickly.
class MembershipIntervals {
public:
    /// `events` of one record in (event date, insertion) order, as CommunityEventsLog::eventsOf gives them.
    explicit MembershipIntervals(const std::vector<CommunityEvent>& events);
    /// Communities (sorted, no "global") whose interval contains `instantMicros`.
    std::vector<std::string> at(std::int64_t instantMicros) const;

private:
    struct Interval {
        std::string community;
        std::int64_t from;
        std::int64_t to;  ///< exclusive; INT64_MAX when open
    };
    std::vector<Interval> _intervals;
};

}  // namespace statshost::usage
