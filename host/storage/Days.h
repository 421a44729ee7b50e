#pragma once
/// Day arithmetic on valid days (`YYYY-MM-DD`, see Names.h isValidDay), proleptic Gregorian, UTC.
#include <cstdint>
#include <string>
#include <string_view>

namespace statshost::storage {

/// Days since 1970-01-01 of a valid day (negative before 1970).
std::int64_t dayNumber(std::string_view day);
/// The day `number` days after 1970-01-01, as YYYY-MM-DD; `number` must map to years 1..9999.
std::string dayText(std::int64_t number);

}  // namespace statshost::storage
