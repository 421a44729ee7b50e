#include "usage/classify/CountryRanges.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

#include "statshost/Errors.h"
#include "usage/classify/TextFile.h"

namespace statshost::usage {

namespace {

// Average line lengths of tor-geoipdb files are ~25 (IPv4) and ~58 (IPv6) bytes; reserving
// size/20 and size/40 entries avoids regrowth (untouched capacity costs no memory pages).
constexpr std::uint64_t kV4BytesPerRange = 20;
constexpr std::uint64_t kV6BytesPerRange = 40;

/// Two ASCII letters, upper-cased; nullopt for `??` and anything else.
std::optional<std::array<char, 2>> parseCode(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    if (s.size() != 2) return std::nullopt;
    std::array<char, 2> code{};
    for (int i = 0; i < 2; ++i) {
        char c = s[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') return std::nullopt;
        code[i] = c;
    }
    return code;
}

std::optional<std::uint32_t> parseUint32(std::string_view s) {
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty() || v > 0xFFFFFFFFull) return std::nullopt;
    return static_cast<std::uint32_t>(v);
}

/// Splits one data line into start, end and code and hands them to `add`; skips comments and
/// blank lines; throws for a line without two commas.
template <class Add>
void parseLine(std::string_view l, std::size_t number, const std::string& source, Add&& add) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty() || l[0] == '#') return;
    const std::size_t c1 = l.find(','), c2 = c1 == std::string_view::npos ? c1 : l.find(',', c1 + 1);
    if (c2 == std::string_view::npos)
        throw ConfigError(source, "line " + std::to_string(number) + ": expected start,end,CC");
    add(number, l.substr(0, c1), l.substr(c1 + 1, c2 - c1 - 1), l.substr(c2 + 1));
}

template <class Add>
void parseText(const std::string& text, const std::string& source, Add&& add) {
    std::size_t pos = 0, number = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        parseLine(std::string_view(text.data() + pos, eol - pos), ++number, source, add);
        pos = eol + 1;
    }
}

std::string badRange(const char* family, std::size_t n, std::string_view a, std::string_view b) {
    return "line " + std::to_string(n) + ": bad " + family + " range '" + std::string(a) + "," + std::string(b) + "'";
}

/// Sorts by start and merges, in place, touching ranges of one country.
template <class R>
void normalise(std::vector<R>& ranges) {
    if (!std::is_sorted(ranges.begin(), ranges.end(), [](const R& a, const R& b) { return a.start < b.start; }))
        std::sort(ranges.begin(), ranges.end(), [](const R& a, const R& b) { return a.start < b.start; });
    std::size_t out = 0;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        R& last = ranges[out == 0 ? 0 : out - 1];
        if (out > 0 && last.code == ranges[i].code && last.end < ranges[i].start && last.end + 1 == ranges[i].start)
            last.end = ranges[i].end;
        else
            ranges[out++] = ranges[i];
    }
    ranges.resize(out);
}

template <class R, class K>
std::string findIn(const std::vector<R>& ranges, K key) {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), key, [](K k, const R& r) { return k < r.start; });
    if (it == ranges.begin()) return "";
    --it;
    if (key > it->end) return "";
    return std::string(it->code.data(), 2);
}

}  // namespace

auto CountryRanges::v4Adder(const std::string& source) {
    return [this, &source](std::size_t n, std::string_view a, std::string_view b, std::string_view cc) {
        const auto start = parseUint32(a), end = parseUint32(b);
        if (!start || !end || *start > *end) throw ConfigError(source, badRange("IPv4", n, a, b));
        if (auto code = parseCode(cc)) _v4.push_back(V4{*start, *end, *code});
    };
}

auto CountryRanges::v6Adder(const std::string& source) {
    return [this, &source](std::size_t n, std::string_view a, std::string_view b, std::string_view cc) {
        const auto start = parseIpv6(a), end = parseIpv6(b);
        if (!start || !end || *start > *end) throw ConfigError(source, badRange("IPv6", n, a, b));
        if (auto code = parseCode(cc)) _v6.push_back(V6{*start, *end, *code});
    };
}

void CountryRanges::loadV4(const std::string& path) {
    std::size_t number = 0;
    auto add = v4Adder(path);
    forEachLineOfFile(
        path, [&](std::uint64_t size) { _v4.reserve(_v4.size() + size / kV4BytesPerRange); },
        [&](std::string_view line) { parseLine(line, ++number, path, add); });
    normalise(_v4);
}

void CountryRanges::loadV6(const std::string& path) {
    std::size_t number = 0;
    auto add = v6Adder(path);
    forEachLineOfFile(
        path, [&](std::uint64_t size) { _v6.reserve(_v6.size() + size / kV6BytesPerRange); },
        [&](std::string_view line) { parseLine(line, ++number, path, add); });
    normalise(_v6);
}

void CountryRanges::addV4Text(const std::string& text, const std::string& source) {
    parseText(text, source, v4Adder(source));
    normalise(_v4);
}

void CountryRanges::addV6Text(const std::string& text, const std::string& source) {
    parseText(text, source, v6Adder(source));
    normalise(_v6);
}

std::string CountryRanges::find(const IpAddress& address) const {
    return address.v4 ? findIn(_v4, address.v4Value()) : findIn(_v6, address.value);
}

}  // namespace statshost::usage
