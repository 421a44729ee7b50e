#include "records/PublicationDate.h"

#include <algorithm>

#include "records/Dates.h"
#include "records/JsonAccess.h"

namespace statshost::records {

namespace {

bool allDigits(const std::string& text, std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i)
        if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
    return true;
}

}  // namespace

std::string publicationDay(const std::string& raw, const std::string& createdDay) {
    const auto day = edtfFirstDay(trim(raw));
    return day ? formatDay(*day) : createdDay;
}

std::string applyFloor(const std::string& day, const std::string& floorDay) { return std::max(day, floorDay); }

std::string normalisedPublishedDate(const std::string& raw) {
    const auto text = trim(raw);
    if (text.size() == 9 && allDigits(text, 0, 4) && text[4] == '-' && allDigits(text, 5, 4))
        return text.substr(0, 4) + "-01-01";
    if (auto date = parseEdtfDate(text)) return formatDay(date->firstDay());
    if (auto micros = parseTimestampMicros(text)) return formatDay(dayOfMicros(*micros)) + "T00:00:00";
    return "";
}

}  // namespace statshost::records
