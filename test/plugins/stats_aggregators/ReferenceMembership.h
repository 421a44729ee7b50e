#pragma once
/// Presence of records in communities, straight from SEMANTICS §3, §9.4, §10.13 and the log:
/// for each (record, community) the events in (event date, insertion) order; an `added` opens an
/// interval, the next `removed` closes it; a deletion (the events' is_deleted/deleted_date) closes
/// an interval open at the deletion instant and drops intervals opened while deleted.
///   - Day-granular presence for basis b: start = the added day (basis added; later intervals of
///     every basis), the record's created day (basis created, first interval) or its publication
///     day floored (basis published, first interval); present on D when startDay <= D < endDay.
///   - Instant-granular membership (usage attribution): added <= t < end.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ReferenceInput.h"

namespace statshost::test::reference {

enum class Basis { Added, Created, Published };
const char* basisName(Basis b);

class Membership {
public:
    explicit Membership(const Input& input);

    /// Communities that appear in the log (including "global"), sorted.
    const std::set<std::string>& loggedCommunities() const { return _communities; }

    /// S(C,b,D): ids of the records present in `community` on day `day` under `basis`.
    std::set<std::string> present(const std::string& community, Basis basis, std::int64_t day) const;

    /// The first day S(C,b,·) is non-empty (the first non-zero records delta), or nothing.
    std::optional<std::int64_t> firstDay(const std::string& community, Basis basis) const;

    /// True when `recordId` is a member of `community` (not "global") at `instantMicros`.
    bool memberAt(const std::string& recordId, const std::string& community, std::int64_t instantMicros) const;

private:
    struct DayRange {
        std::int64_t start = 0;
        std::int64_t end = INT64_MAX;  ///< exclusive
    };
    struct Interval {
        std::int64_t added = 0;           ///< the added event's instant
        std::optional<std::int64_t> end;  ///< removal or deletion instant; none = open
        bool first = false;               ///< opened by the first added event of (record, community)
        DayRange days[3];                 ///< days(record, this, basis) by Basis
    };

    DayRange days(const std::string& recordId, const Interval& interval, Basis basis) const;

    const Input& _input;
    std::map<std::string, const RecordFacts*> _records;
    std::int64_t _floorDay = 0;
    std::set<std::string> _communities;
    /// community → record → intervals
    std::map<std::string, std::map<std::string, std::vector<Interval>>> _intervals;
};

}  // namespace statshost::test::reference
