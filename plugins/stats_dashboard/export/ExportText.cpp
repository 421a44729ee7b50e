#include "ExportText.h"

#include <charconv>
#include <cstdio>
#include <stdexcept>

#include <Poco/DateTime.h>
#include <Poco/UTF8Encoding.h>

namespace statshost::dashboard::detail {

namespace {

const std::string kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

/// Length of the valid UTF-8 sequence starting at `i`, 0 when it is invalid.
std::size_t validSequenceLength(const unsigned char* bytes, std::size_t size, std::size_t i) {
    unsigned char lead = bytes[i];
    std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > size) return 0;
    return Poco::UTF8Encoding::isLegal(bytes + i, static_cast<int>(length)) ? length : 0;
}

}  // namespace

std::string validUtf8(const std::string& text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t length = validSequenceLength(bytes, text.size(), i);
        if (length == 0) {
            out += kReplacementCharacter;
            ++i;
        } else {
            out.append(text, i, length);
            i += length;
        }
    }
    return out;
}

std::string xmlSafeText(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    forEachCodePoint(text, [&](char32_t cp, std::size_t offset, std::size_t length) {
        bool allowed = (cp >= 0x20 || cp == 0x09 || cp == 0x0A || cp == 0x0D) && cp != 0xFFFE && cp != 0xFFFF;
        if (allowed) {
            out.append(text, offset, length);
        } else {
            out += kReplacementCharacter;
        }
    });
    return out;
}

std::string truncateCodePoints(const std::string& text, std::size_t maxCodePoints) {
    std::size_t count = 0, end = text.size();
    bool cut = false;
    forEachCodePoint(text, [&](char32_t, std::size_t offset, std::size_t) {
        if (!cut && count++ == maxCodePoints) {
            end = offset;
            cut = true;
        }
    });
    return text.substr(0, end);
}

std::string safeNamePart(const std::string& text) {
    std::string out;
    for (char c : text) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
        out += keep ? c : '_';
    }
    std::size_t firstNonDot = out.find_first_not_of('.');
    out.erase(0, firstNonDot == std::string::npos ? out.size() : firstNonDot);
    return out.empty() ? "_" : out;
}

std::string CalendarDate::text() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

std::optional<CalendarDate> parseIsoDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    }
    CalendarDate date{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
    if (date.year < 1 || !Poco::DateTime::isValid(date.year, date.month, date.day)) return std::nullopt;
    return date;
}

std::string decimalText(double value) {
    char buffer[400];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    if (result.ec != std::errc()) throw std::invalid_argument("number cannot be written in decimal notation");
    return std::string(buffer, result.ptr);
}

}  // namespace statshost::dashboard::detail
