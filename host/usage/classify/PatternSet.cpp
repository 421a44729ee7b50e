#include "usage/classify/PatternSet.h"

#include <Poco/Exception.h>
#include <Poco/RegularExpression.h>

#include <cctype>
#include <cstdint>
#include <map>

#include "statshost/Errors.h"

namespace statshost::usage {

namespace {

using Poco::RegularExpression;

// Numbered captures are useless here and could overflow Poco's fixed ovector (pcre_exec returns 0).
constexpr int kBytesOptions = RegularExpression::RE_NO_AUTO_CAPTURE;
constexpr int kUtf8Options = RegularExpression::RE_NO_AUTO_CAPTURE | RegularExpression::RE_UTF8;

/// The group a pattern joins: "^" for anchored ones, its first character when that is a literal
/// ASCII letter or digit that is not made optional, "" (misc) otherwise. Only affects speed.
std::string groupKey(const std::string& pattern) {
    if (pattern[0] == '^') return "^";
    const unsigned char first = static_cast<unsigned char>(pattern[0]);
    if (first < 0x80 && std::isalnum(first)) {
        const char next = pattern.size() > 1 ? pattern[1] : '\0';
        if (next != '?' && next != '*' && next != '{' && pattern.find('|') == std::string::npos)
            return std::string(1, pattern[0]);
    }
    return "";
}

std::unique_ptr<RegularExpression> compile(const std::string& pattern, int options) {
    return std::make_unique<RegularExpression>(pattern, options, true);
}

bool found(const RegularExpression& re, const std::string& subject, int options) {
    try {
        RegularExpression::Match m;
        return re.match(subject, 0, m, options) > 0;
    } catch (const Poco::Exception&) {
        return false;  // e.g. PCRE's match limit; treated as no match for this group
    }
}

}  // namespace

PatternSet::PatternSet(const std::vector<std::string>& patterns, const std::string& source) {
    std::map<std::string, std::string> alternations;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        const std::string& p = patterns[i];
        const std::string where = "pattern " + std::to_string(i + 1) + " '" + p + "'";
        if (p.empty()) throw ConfigError(source, where + " is empty (it would match every agent)");
        for (int options : {kUtf8Options, kBytesOptions}) {
            try {
                compile(p, options);
            } catch (const Poco::Exception& e) {
                throw ConfigError(source, where + " does not compile: " + e.displayText());
            }
        }
        std::string& alt = alternations[groupKey(p)];
        if (!alt.empty()) alt += '|';
        alt += "(?:" + p + ")";
    }
    for (const auto& [key, alt] : alternations) {
        try {
            _groups.push_back(Group{compile(alt, kUtf8Options), compile(alt, kBytesOptions)});
        } catch (const Poco::Exception& e) {
            throw ConfigError(source, "patterns starting with '" + key + "' do not combine: " + e.displayText());
        }
    }
    _patternCount = patterns.size();
}

PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

bool PatternSet::search(const std::string& subject) const {
    const bool utf8 = isValidUtf8(subject);
    for (const Group& g : _groups) {
        if (utf8 ? found(*g.utf8, subject, RegularExpression::RE_NO_UTF8_CHECK) : found(*g.bytes, subject, 0))
            return true;
    }
    return false;
}

bool isValidUtf8(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;  // continuation byte, overlong lead (C0, C1) or beyond U+10FFFF (F5..FF)
        }
        if (n - i < len) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        i += len;
    }
    return true;
}

}  // namespace statshost::usage
