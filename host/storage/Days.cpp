// Civil-date conversions after the well-known "days from civil" construction: years are shifted to
// start in March so the leap day is the last day of a year, then split into 400-year eras.
#include "storage/Days.h"

namespace statshost::storage {
namespace {

int digits(std::string_view text, std::size_t at, std::size_t length) {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
}

void appendPadded(std::string& out, std::int64_t value, std::size_t width) {
    std::string number = std::to_string(value);
    if (number.size() < width) out.append(width - number.size(), '0');
    out += number;
}

}  // namespace

std::int64_t dayNumber(std::string_view day) {
    std::int64_t year = digits(day, 0, 4);
    const std::int64_t month = digits(day, 5, 2);
    const std::int64_t dayOfMonth = digits(day, 8, 2);
    if (month <= 2) --year;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t yearOfEra = year - era * 400;                                        // 0..399
    const std::int64_t dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + dayOfMonth - 1;  // 0..365
    const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;   // 0..146096
    return era * 146097 + dayOfEra - 719468;
}

std::string dayText(std::int64_t number) {
    number += 719468;
    const std::int64_t era = (number >= 0 ? number : number - 146096) / 146097;
    const std::int64_t dayOfEra = number - era * 146097;
    const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t shiftedMonth = (5 * dayOfYear + 2) / 153;  // 0 = March
    const std::int64_t dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    const std::int64_t month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    const std::int64_t year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    std::string out;
    out.reserve(10);
    appendPadded(out, year, 4);
    out += '-';
    appendPadded(out, month, 2);
    out += '-';
    appendPadded(out, dayOfMonth, 2);
    return out;
}

}  // namespace statshost::storage
