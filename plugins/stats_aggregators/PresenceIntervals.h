#pragma once
/// Presence of records in one community under a date basis (SEMANTICS §3, §9.3, §10.13).
///
/// From the community's events in log order: an `added` opens an interval (a repeated `added` while
/// open is ignored), the next `removed` closes it at its event date (a `removed` while closed is
/// ignored). A deleted record's intervals end at its deletion time, and an interval opened at or after
/// the deletion does not exist (membership changes while deleted open nothing; restoring clears the
/// deletion, so everything comes back). Start day: basis added → the `added` event's day; created →
/// the record's created day for its first interval in the community, the event day for later ones;
/// published → the floored publication day for the first interval, the event day for later ones.
/// End day: the closing instant's day. An interval counts on the days startDay ≤ D < endDay, so one
/// that ends on or before its start day contributes nothing. A record's intervals are merged (touching
/// or overlapping ones become one), so a record enters and leaves at most once per day.
#include <cstdint>
#include <vector>

#include "DayText.h"
#include "RecordsCatalog.h"

namespace statshost::aggregators {

enum class DateBasis { Added, Created, Published };

/// Text of a basis: "added", "created", "published".
const char* basisName(DateBasis basis);

struct Presence {
    std::int32_t record = 0;
    DayNumber start = 0;
    DayNumber end = kNoDay;  ///< kNoDay: still present
};

/// Every non-empty, merged interval of the community's records, ordered by (record, start).
std::vector<Presence> presenceIntervals(const RecordsCatalog& catalog, std::size_t community, DateBasis basis);

/// The earliest day on which `record` can have contributed to the community's documents, now or
/// before any change to its events or deletion: the earliest of its event days there and, for the
/// created/published bases, its created/publication day. Used to mark the community dirty.
DayNumber conservativeFirstDay(const CatalogRecord& record, DayNumber eventDay, DateBasis basis);

/// First start day of `intervals` (kNoDay when empty) and the first boundary (start or end) after `day`.
DayNumber firstStart(const std::vector<Presence>& intervals);
DayNumber nextBoundaryAfter(const std::vector<Presence>& intervals, DayNumber day);

}  // namespace statshost::aggregators
