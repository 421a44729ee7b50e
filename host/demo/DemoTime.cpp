#include "demo/DemoTime.h"

namespace statshost::demo {

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civilFromDays(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

unsigned weekdayOf(std::int64_t days) {
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    const std::int64_t w = (days + 3) % 7;
    return static_cast<unsigned>(w < 0 ? w + 7 : w);
}

unsigned daysInMonth(std::int64_t year, unsigned month) {
    static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) {
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return kDays[month - 1];
}

bool parseIsoDate(const std::string& text, std::int64_t& days) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int digits[8];
    int k = 0;
    for (std::size_t i = 0; i < 10; ++i) {
        if (i == 4 || i == 7) continue;
        if (text[i] < '0' || text[i] > '9') return false;
        digits[k++] = text[i] - '0';
    }
    const std::int64_t y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    const unsigned m = static_cast<unsigned>(digits[4] * 10 + digits[5]);
    const unsigned d = static_cast<unsigned>(digits[6] * 10 + digits[7]);
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return false;
    days = daysFromCivil(y, m, d);
    return true;
}

namespace {
void put2(char* p, unsigned v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
}
void writeDate(char* p, std::int64_t days) {
    const CivilDate c = civilFromDays(days);
    std::int64_t y = c.year < 0 ? 0 : (c.year > 9999 ? 9999 : c.year);
    p[0] = static_cast<char>('0' + y / 1000);
    p[1] = static_cast<char>('0' + y / 100 % 10);
    p[2] = static_cast<char>('0' + y / 10 % 10);
    p[3] = static_cast<char>('0' + y % 10);
    p[4] = '-';
    put2(p + 5, c.month);
    p[7] = '-';
    put2(p + 8, c.day);
}
std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

void appendDate(std::string& out, std::int64_t days) {
    char buf[10];
    writeDate(buf, days);
    out.append(buf, 10);
}

std::string formatDate(std::int64_t days) {
    std::string s;
    appendDate(s, days);
    return s;
}

void appendTimestamp(std::string& out, std::int64_t epochSeconds) {
    TimestampFormatter f;
    f.append(out, epochSeconds);
}

std::string formatTimestamp(std::int64_t epochSeconds) {
    std::string s;
    appendTimestamp(s, epochSeconds);
    return s;
}

void TimestampFormatter::append(std::string& out, std::int64_t epochSeconds) {
    const std::int64_t day = floorDiv(epochSeconds, kSecondsPerDay);
    if (day != _day) {
        _day = day;
        writeDate(_date, day);
        _date[10] = 'T';
    }
    const auto sec = static_cast<unsigned>(epochSeconds - day * kSecondsPerDay);
    char buf[20];
    for (int i = 0; i < 11; ++i) buf[i] = _date[i];
    put2(buf + 11, sec / 3600);
    buf[13] = ':';
    put2(buf + 14, sec / 60 % 60);
    buf[16] = ':';
    put2(buf + 17, sec % 60);
    buf[19] = 'Z';
    out.append(buf, 20);
}

}  // namespace statshost::demo
