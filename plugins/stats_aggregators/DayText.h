#pragma once
/// Day numbers (Family.h DayNumber: days since 1970-01-01, UTC) and the date texts of the records
/// documents: `YYYY-MM-DD`, `period_start`/`period_end`, and the `timestamp` field
/// (`YYYY-MM-DDTHH:MM:SS`, UTC without zone, as the example documents). Proleptic Gregorian, years 1..9999.
#include <cstdint>
#include <optional>
#include <string>

#include "Family.h"

namespace statshost::aggregators {

constexpr std::int64_t kMicrosPerDay = 86400LL * 1000000LL;
/// A day after every real day ("open" interval end, "no day").
constexpr DayNumber kNoDay = INT64_MAX / 4;

/// `YYYY-MM-DD` of a day number.
std::string dayText(DayNumber day);
/// The day of `YYYY-MM-DD...` (first ten characters); nullopt when it is not a valid day.
std::optional<DayNumber> parseDay(const std::string& text);
/// Like parseDay but throws std::invalid_argument naming the text.
DayNumber dayNumber(const std::string& text);
/// The day an instant falls on (floor division, so instants before 1970 work).
DayNumber dayOfMicros(std::int64_t micros);
/// The year of a day and the last day of that year.
int yearOf(DayNumber day);
DayNumber yearEnd(DayNumber day);
/// `YYYY-MM-DDTHH:MM:SS` of an instant (seconds truncated).
std::string timestampText(std::int64_t micros);

}  // namespace statshost::aggregators
