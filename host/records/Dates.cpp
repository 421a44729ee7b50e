#include "records/Dates.h"

#include <cstdio>

namespace statshost::records {

namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// Reads fixed-width unsigned decimal fields from a string, left to right.
class Cursor {
public:
    explicit Cursor(std::string_view text) : _text(text) {}

    bool atEnd() const { return _pos == _text.size(); }
    char peek() const { return atEnd() ? '\0' : _text[_pos]; }
    std::size_t remaining() const { return _text.size() - _pos; }

    /// Consumes exactly `width` digits.
    std::optional<unsigned> digits(std::size_t width) {
        if (remaining() < width) return std::nullopt;
        unsigned value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            char c = _text[_pos + i];
            if (c < '0' || c > '9') return std::nullopt;
            value = value * 10 + unsigned(c - '0');
        }
        _pos += width;
        return value;
    }

    bool accept(char c) {
        if (peek() != c || atEnd()) return false;
        ++_pos;
        return true;
    }

    /// Consumes one or more digits; the first six are microseconds (left-aligned), the rest dropped.
    std::optional<std::int64_t> fractionMicros() {
        std::int64_t micros = 0;
        std::size_t count = 0;
        while (!atEnd() && peek() >= '0' && peek() <= '9') {
            if (count < 6) micros = micros * 10 + (peek() - '0');
            ++count;
            ++_pos;
        }
        if (count == 0) return std::nullopt;
        for (std::size_t i = count; i < 6; ++i) micros *= 10;
        return micros;
    }

private:
    std::string_view _text;
    std::size_t _pos = 0;
};

/// `YYYY-MM-DD` at the cursor, validated.
std::optional<std::int64_t> readDay(Cursor& c) {
    auto y = c.digits(4);
    if (!y || !c.accept('-')) return std::nullopt;
    auto m = c.digits(2);
    if (!m || !c.accept('-')) return std::nullopt;
    auto d = c.digits(2);
    if (!d || !isValidDate(*y, *m, *d)) return std::nullopt;
    return daysFromCivil(*y, *m, *d);
}

/// Offset east of UTC in seconds: `Z`, `±HH`, `±HHMM` or `±HH:MM`; 0 when absent.
std::optional<std::int64_t> readOffsetSeconds(Cursor& c) {
    if (c.atEnd()) return 0;
    if (c.accept('Z') || c.accept('z')) return 0;
    int sign = 0;
    if (c.accept('+'))
        sign = 1;
    else if (c.accept('-'))
        sign = -1;
    else
        return std::nullopt;
    auto hh = c.digits(2);
    if (!hh || *hh > 23) return std::nullopt;
    unsigned mm = 0;
    if (!c.atEnd()) {
        c.accept(':');
        auto m = c.digits(2);
        if (!m || *m > 59) return std::nullopt;
        mm = *m;
    }
    return sign * std::int64_t(*hh * 3600 + mm * 60);
}

std::string dayText(const CivilDate& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(d.year), d.month, d.day);
    return buf;
}

/// `YYYY-MM-DDTHH:MM:SS` of an instant, and the microseconds past that second.
std::string secondsText(std::int64_t micros, std::int64_t& microsInSecond) {
    const std::int64_t day = dayOfMicros(micros);
    const std::int64_t inDay = micros - day * kMicrosPerDay;
    const std::int64_t second = inDay / kMicrosPerSecond;
    microsInSecond = inDay % kMicrosPerSecond;
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", int(second / 3600), int(second / 60 % 60), int(second % 60));
    return dayText(civilFromDays(day)) + buf;
}

}  // namespace

bool isLeapYear(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned daysInMonth(std::int64_t year, unsigned month) {
    static const unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

bool isValidDate(std::int64_t year, unsigned month, unsigned day) {
    return day >= 1 && day <= daysInMonth(year, month);
}

// Counts days in 400-year eras of 146097 days, with years starting on 1 March so that the leap
// day is the last day of a year; 719468 is the day number of 0000-03-01 before 1970-01-01.
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day) {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = floorDiv(y, 400);
    const std::int64_t yearOfEra = y - era * 400;
    const std::int64_t monthFromMarch = (month + 9) % 12;
    const std::int64_t dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
    const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

std::int64_t daysFromCivil(const CivilDate& date) { return daysFromCivil(date.year, date.month, date.day); }

CivilDate civilFromDays(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = floorDiv(z, 146097);
    const std::int64_t dayOfEra = z - era * 146097;
    const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t monthFromMarch = (5 * dayOfYear + 2) / 153;
    CivilDate out;
    out.day = unsigned(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
    out.month = unsigned(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    out.year = yearOfEra + era * 400 + (out.month <= 2 ? 1 : 0);
    return out;
}

std::string formatDay(std::int64_t days) { return dayText(civilFromDays(days)); }

std::optional<std::int64_t> parseDay(std::string_view text) {
    Cursor c(text);
    auto day = readDay(c);
    if (!day || !c.atEnd()) return std::nullopt;
    return day;
}

std::int64_t dayOfMicros(std::int64_t micros) { return floorDiv(micros, kMicrosPerDay); }

std::string formatSeconds(std::int64_t micros) {
    std::int64_t rest = 0;
    return secondsText(micros, rest);
}

std::string formatMillis(std::int64_t micros) {
    std::int64_t rest = 0;
    std::string out = secondsText(micros, rest);
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03d", int(rest / 1000));
    return out + buf;
}

std::optional<std::int64_t> parseTimestampMicros(std::string_view text) {
    Cursor c(text);
    auto day = readDay(c);
    if (!day) return std::nullopt;
    if (c.atEnd()) return *day * kMicrosPerDay;
    if (!c.accept('T') && !c.accept('t') && !c.accept(' ')) return std::nullopt;
    auto hh = c.digits(2);
    if (!hh || *hh > 23 || !c.accept(':')) return std::nullopt;
    auto mm = c.digits(2);
    if (!mm || *mm > 59) return std::nullopt;
    unsigned ss = 0;
    std::int64_t fraction = 0;
    if (c.accept(':')) {
        auto s = c.digits(2);
        if (!s || *s > 59) return std::nullopt;
        ss = *s;
        if (c.accept('.') || c.accept(',')) {
            auto f = c.fractionMicros();
            if (!f) return std::nullopt;
            fraction = *f;
        }
    }
    auto offset = readOffsetSeconds(c);
    if (!offset || !c.atEnd()) return std::nullopt;
    const std::int64_t local = *day * 86400 + *hh * 3600 + *mm * 60 + ss;
    return (local - *offset) * kMicrosPerSecond + fraction;
}

std::int64_t EdtfDate::firstDay() const { return daysFromCivil(year, month == 0 ? 1 : month, day == 0 ? 1 : day); }

std::optional<EdtfDate> parseEdtfDate(std::string_view text) {
    Cursor c(text);
    EdtfDate out;
    auto y = c.digits(4);
    if (!y) return std::nullopt;
    out.year = *y;
    if (c.accept('-')) {
        auto m = c.digits(2);
        if (!m || *m < 1 || *m > 12) return std::nullopt;
        out.month = *m;
        if (c.accept('-')) {
            auto d = c.digits(2);
            if (!d || !isValidDate(out.year, out.month, *d)) return std::nullopt;
            out.day = *d;
        }
    }
    if (!c.atEnd()) return std::nullopt;
    return out;
}

std::optional<std::int64_t> edtfFirstDay(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        auto date = parseEdtfDate(text);
        return date ? std::optional<std::int64_t>(date->firstDay()) : std::nullopt;
    }
    const auto start = text.substr(0, slash);
    const auto end = text.substr(slash + 1);
    if (end.find('/') != std::string_view::npos) return std::nullopt;
    if (auto date = parseEdtfDate(start)) return date->firstDay();
    if (auto date = parseEdtfDate(end)) return date->firstDay();
    return std::nullopt;
}

}  // namespace statshost::records
