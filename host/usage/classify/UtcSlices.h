#pragma once
/// UTC day and hour slices of epoch-microsecond instants, as used by the visitor identity
/// (SEMANTICS.md §0, §10.2, §10.3).
#include <cstdint>
#include <string>

namespace statshost::usage {

/// Days since 1970-01-01 of the UTC day containing `micros` (floor division, also before 1970).
std::int64_t utcDay(std::int64_t micros);
/// `YYYY-MM-DD` of a day number (1970-01-01 = 0).
std::string formatUtcDay(std::int64_t day);
/// `YYYYMMDDHH`: the UTC hour slice containing `micros`.
std::string formatUtcHour(std::int64_t micros);

}  // namespace statshost::usage
