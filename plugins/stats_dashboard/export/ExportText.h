#pragma once
/// Text helpers shared by the export writers: UTF-8 repair, safe file-name parts, ISO dates, numbers.
#include <cstddef>
#include <optional>
#include <string>

namespace statshost::dashboard::detail {

/// `text` with every invalid UTF-8 sequence (bad bytes, overlongs, surrogates, > U+10FFFF)
/// replaced by U+FFFD.
std::string validUtf8(const std::string& text);

/// Valid UTF-8 `text` with the characters XML 1.0 cannot carry (C0 controls other than tab, LF,
/// CR; U+FFFE; U+FFFF) replaced by U+FFFD.
std::string xmlSafeText(const std::string& text);

/// Calls `visit(codePoint, byteOffset, byteLength)` for each code point of valid UTF-8 `text`.
template <typename Visit>
void forEachCodePoint(const std::string& text, Visit visit);

/// The first `maxCodePoints` code points of valid UTF-8 `text`.
std::string truncateCodePoints(const std::string& text, std::size_t maxCodePoints);

/// `text` reduced to ASCII letters, digits, `.`, `_`, `-` (others become `_`), without leading dots,
/// "_" when empty: safe as one path component or file name part.
std::string safeNamePart(const std::string& text);

struct CalendarDate {
    int year = 0, month = 0, day = 0;
    std::string text() const;  // YYYY-MM-DD
};
/// The date of exactly `YYYY-MM-DD` (a real Gregorian day, years 0001-9999), else nullopt.
std::optional<CalendarDate> parseIsoDate(const std::string& text);

/// A finite double in plain decimal notation (shortest round-trip form, no exponent): 3072, 0.5, -12.25.
std::string decimalText(double value);

// ---------------------------------------------------------------------------------------------
template <typename Visit>
void forEachCodePoint(const std::string& text, Visit visit) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0;
    while (i < text.size()) {
        unsigned char lead = bytes[i];
        std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (i + length > text.size()) length = text.size() - i;
        char32_t cp = length == 1 ? lead : lead & (0x3F >> (length - 1));
        for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (bytes[i + k] & 0x3F);
        visit(cp, i, length);
        i += length;
    }
}

}  // namespace statshost::dashboard::detail
