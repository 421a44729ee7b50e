#pragma once
/// UTC calendar helpers: civil dates ↔ day numbers, ISO-8601 timestamps ↔ epoch microseconds,
/// and EDTF level-0 dates. Pure arithmetic (proleptic Gregorian calendar, days-from-civil), no
/// time zone database, no mktime. Every parser is strict: impossible dates such as 2023-02-30,
/// hours past 23 or trailing text are rejected (std::nullopt), never rolled over.
///
/// Day numbers count days since 1970-01-01 (negative before it). Text forms use four-digit years,
/// so formatting is defined for years 0000..9999.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace statshost::records {

constexpr std::int64_t kMicrosPerSecond = 1000000;
constexpr std::int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

/// A proleptic Gregorian calendar date.
struct CivilDate {
    std::int64_t year = 1970;
    unsigned month = 1;  ///< 1..12
    unsigned day = 1;    ///< 1..31
    bool operator==(const CivilDate& o) const { return year == o.year && month == o.month && day == o.day; }
};

bool isLeapYear(std::int64_t year);
/// Days in `month` (1..12) of `year`; 0 for a month outside 1..12.
unsigned daysInMonth(std::int64_t year, unsigned month);
bool isValidDate(std::int64_t year, unsigned month, unsigned day);

/// Day number of a valid civil date (1970-01-01 → 0).
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);
std::int64_t daysFromCivil(const CivilDate& date);
/// Inverse of daysFromCivil for every day number.
CivilDate civilFromDays(std::int64_t days);

/// `YYYY-MM-DD` of a day number.
std::string formatDay(std::int64_t days);
/// Day number of a strict `YYYY-MM-DD`; nullopt for anything else.
std::optional<std::int64_t> parseDay(std::string_view text);

/// The UTC day containing an epoch-microsecond instant (floor division, also before 1970).
std::int64_t dayOfMicros(std::int64_t micros);
/// `YYYY-MM-DDTHH:MM:SS` of an instant (fraction truncated).
std::string formatSeconds(std::int64_t micros);
/// `YYYY-MM-DDTHH:MM:SS.SSS` of an instant (microseconds truncated to milliseconds).
std::string formatMillis(std::int64_t micros);

/// Epoch microseconds (UTC) of an ISO-8601 date or timestamp:
///   `YYYY-MM-DD` (= 00:00:00 UTC), or
///   `YYYY-MM-DD` (`T`|`t`|space) `HH:MM` [`:SS` [(`.`|`,`) fraction]] [`Z`|`z`|`±HH`|`±HHMM`|`±HH:MM`].
/// No offset means UTC. Fraction digits beyond microseconds are truncated. nullopt when invalid.
std::optional<std::int64_t> parseTimestampMicros(std::string_view text);

/// An EDTF level-0 date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; month and day are 0 when not given.
struct EdtfDate {
    std::int64_t year = 0;
    unsigned month = 0;
    unsigned day = 0;
    /// The first day of the period the date denotes (`2020` → 2020-01-01, `2020-05` → 2020-05-01).
    std::int64_t firstDay() const;
};

/// Parses one EDTF level-0 date (no interval, no time); nullopt when invalid (`2020-13`, `2023-02-30`).
std::optional<EdtfDate> parseEdtfDate(std::string_view text);

/// First day of an EDTF level-0 date or interval `A/B`: the first day of `A` when `A` is a valid
/// date, else of `B`; nullopt when neither is (or the text has more than one `/`).
std::optional<std::int64_t> edtfFirstDay(std::string_view text);

}  // namespace statshost::records
