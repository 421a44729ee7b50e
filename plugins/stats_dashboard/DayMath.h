#pragma once
/// Calendar days for the dashboard queries: ISO `YYYY-MM-DD` text <-> day numbers (days since
/// 1970-01-01, proleptic Gregorian, UTC) and the first day of a granularity bucket. Pure functions.
#include <cstdint>
#include <optional>
#include <string>

namespace statshost::dashboard {

/// Parses exactly `YYYY-MM-DD` with a valid month and day (year 0001-9999); nothing otherwise.
std::optional<std::int64_t> parseDay(const std::string& text);

/// The day number as `YYYY-MM-DD`.
std::string formatDay(std::int64_t day);

/// How series points are grouped: one point per day, ISO week (Monday first), calendar month,
/// calendar quarter or calendar year.
enum class Granularity { Day, Week, Month, Quarter, Year };

/// "day" | "week" | "month" | "quarter" | "year"; nothing for anything else.
std::optional<Granularity> parseGranularity(const std::string& text);

/// The first day of the bucket holding `day`: the day itself, its ISO week's Monday, the 1st of
/// its month, of its quarter (Jan/Apr/Jul/Oct) or of its year.
std::int64_t bucketStart(std::int64_t day, Granularity granularity);

}  // namespace statshost::dashboard
