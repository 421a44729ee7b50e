#pragma once
/// Reads of stored documents in bounded pieces. DocumentStore::scan reads pages of many documents, so
/// a scan over a long range (or one stopped after its first document) can hold or fetch far more
/// than it uses; these read a long range in short day ranges instead, so memory stays bounded by a
/// few weeks of one community's documents whatever its history.
#include <functional>
#include <optional>
#include <string>

#include <vector>

#include "Family.h"
#include "statshost/Sources.h"
#include "statshost/Store.h"

namespace statshost::aggregators::usagestats {

/// Days per piece.
constexpr DayNumber kScanPieceDays = 31;

/// Calls `visit` for every stored document of `community` ("" = all) in [first, last], in (day, id)
/// order, one piece of kScanPieceDays days at a time; `visit` returns false to stop.
void scanInPieces(DocumentStore& store, const std::string& alias, const std::string& community, DayNumber first,
                  DayNumber last, DayNumber pieceDays, const std::function<bool(const Document&)>& visit);
inline void scanInPieces(DocumentStore& store, const std::string& alias, const std::string& community, DayNumber first,
                         DayNumber last, const std::function<bool(const Document&)>& visit) {
    scanInPieces(store, alias, community, first, last, kScanPieceDays, visit);
}

/// The first day after `after` with a stored document of `community`, if any (reads the last stored
/// day first, then pieces up to it).
std::optional<DayNumber> firstStoredDayAfter(DocumentStore& store, const std::string& alias,
                                             const std::string& community, DayNumber after);

class UsageInterner;
class UsageMembership;

/// The dirty-day rule of the usage families for days whose stored events changed (`changed`, ascending):
/// calls `lower(community, day)` for "global" at the first changed day, then, for each run of consecutive
/// changed days, for every community with a stored document of `alias` on such a day and every community
/// the day's stored events are attributed to now (membership at the event time). Events of records
/// unknown to `records` are skipped.
void lowerChangedUsageDays(DocumentStore& store, AggregationSource& source, const std::string& alias,
                           const std::vector<DayNumber>& changed, const UsageInterner& records,
                           const UsageInterner& communities, const UsageMembership& membership,
                           const std::function<void(const std::string&, DayNumber)>& lower);

}  // namespace statshost::aggregators::usagestats
