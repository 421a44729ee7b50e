#pragma once
/// UTC calendar arithmetic for the demo generator: epoch seconds <-> civil dates, and the
/// `YYYY-MM-DDTHH:MM:SSZ` / `YYYY-MM-DD` text forms. Proleptic Gregorian, no time zones.
#include <cstdint>
#include <string>

namespace statshost::demo {

constexpr std::int64_t kSecondsPerDay = 86400;

/// Days since 1970-01-01 of the civil date y-m-d (m 1..12, d 1..31).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d);

struct CivilDate {
    std::int64_t year;
    unsigned month;  ///< 1..12
    unsigned day;    ///< 1..31
};
CivilDate civilFromDays(std::int64_t days);

/// 0 = Monday ... 6 = Sunday.
unsigned weekdayOf(std::int64_t days);
unsigned daysInMonth(std::int64_t year, unsigned month);

/// Parses exactly `YYYY-MM-DD` (a real calendar date); returns false otherwise.
bool parseIsoDate(const std::string& text, std::int64_t& days);

/// `YYYY-MM-DD` of a day number. Years outside 0..9999 are not supported (clamped digits).
std::string formatDate(std::int64_t days);
void appendDate(std::string& out, std::int64_t days);
/// Appends `YYYY-MM-DDTHH:MM:SSZ` of epoch seconds.
void appendTimestamp(std::string& out, std::int64_t epochSeconds);
std::string formatTimestamp(std::int64_t epochSeconds);

/// appendTimestamp with the date part cached: fast when consecutive calls share a day.
class TimestampFormatter {
public:
    void append(std::string& out, std::int64_t epochSeconds);

private:
    std::int64_t _day = INT64_MIN;
    char _date[11] = {};
};

}  // namespace statshost::demo
