#include "DayText.h"

#include <cstdio>
#include <stdexcept>

namespace statshost::aggregators {

namespace {

struct Civil {
    std::int64_t year;
    int month;
    int day;
};

// Civil date <-> day number by 400-year eras counted from a March-based year (the leap day is the
// last day of such a year, so month lengths follow a fixed 153-day pattern).
std::int64_t fromCivil(std::int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Civil toCivil(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int monthLength(std::int64_t y, int m) {
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : lengths[m - 1];
}

bool number(const std::string& text, std::size_t at, std::size_t count, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

std::string dayText(DayNumber day) {
    const Civil c = toCivil(day);
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(c.year), c.month, c.day);
    return buf;
}

std::optional<DayNumber> parseDay(const std::string& text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!number(text, 0, 4, y) || !number(text, 5, 2, m) || !number(text, 8, 2, d)) return std::nullopt;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > monthLength(y, m)) return std::nullopt;
    return fromCivil(y, m, d);
}

DayNumber dayNumber(const std::string& text) {
    auto day = parseDay(text);
    if (!day) throw std::invalid_argument("not a day (YYYY-MM-DD): '" + text + "'");
    return *day;
}

DayNumber dayOfMicros(std::int64_t micros) {
    return micros >= 0 ? micros / kMicrosPerDay : -((-micros + kMicrosPerDay - 1) / kMicrosPerDay);
}

int yearOf(DayNumber day) { return static_cast<int>(toCivil(day).year); }

DayNumber yearEnd(DayNumber day) { return fromCivil(toCivil(day).year, 12, 31); }

std::string timestampText(std::int64_t micros) {
    const DayNumber day = dayOfMicros(micros);
    const std::int64_t seconds = (micros - day * kMicrosPerDay) / 1000000;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", dayText(day).c_str(), static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    return buf;
}

}  // namespace statshost::aggregators
