#include "DayMath.h"

#include <cstdio>

#include <Poco/DateTime.h>
#include <Poco/Timestamp.h>

namespace statshost::dashboard {

namespace {

constexpr std::int64_t kMicrosPerDay = std::int64_t{86400} * 1000000;

Poco::DateTime dateOf(std::int64_t day) { return Poco::DateTime(Poco::Timestamp(day * kMicrosPerDay)); }

std::int64_t dayOf(int year, int month, int day) {
    return Poco::DateTime(year, month, day).timestamp().epochMicroseconds() / kMicrosPerDay;
}

bool digits(const std::string& s, std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

}  // namespace

std::optional<std::int64_t> parseDay(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4) || !digits(text, 5, 2) ||
        !digits(text, 8, 2))
        return std::nullopt;
    const int y = std::stoi(text.substr(0, 4)), m = std::stoi(text.substr(5, 2)), d = std::stoi(text.substr(8, 2));
    if (y < 1 || !Poco::DateTime::isValid(y, m, d)) return std::nullopt;
    return dayOf(y, m, d);
}

std::string formatDay(std::int64_t day) {
    const Poco::DateTime date = dateOf(day);
    // Poco::DateTime years lie in 0..9999 (dateOf clamps nothing, but days come from parseDay), so the
    // text always has 10 characters; the buffer leaves room for any int to silence truncation warnings.
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year(), date.month(), date.day());
    return buf;
}

std::optional<Granularity> parseGranularity(const std::string& text) {
    if (text == "day") return Granularity::Day;
    if (text == "week") return Granularity::Week;
    if (text == "month") return Granularity::Month;
    if (text == "quarter") return Granularity::Quarter;
    if (text == "year") return Granularity::Year;
    return std::nullopt;
}

std::int64_t bucketStart(std::int64_t day, Granularity granularity) {
    if (granularity == Granularity::Day) return day;
    const Poco::DateTime date = dateOf(day);
    switch (granularity) {
        case Granularity::Week: return day - (date.dayOfWeek() + 6) % 7;  // Poco: Sunday = 0; ISO weeks start Monday
        case Granularity::Month: return dayOf(date.year(), date.month(), 1);
        case Granularity::Quarter: return dayOf(date.year(), (date.month() - 1) / 3 * 3 + 1, 1);
        case Granularity::Year: return dayOf(date.year(), 1, 1);
        default: return day;
    }
}

}  // namespace statshost::dashboard
