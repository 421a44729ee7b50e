#include "usage/classify/ReferrerHost.h"

#include "usage/classify/IpAddress.h"

namespace statshost::usage {

namespace {

constexpr std::size_t kMaxHost = 253;

bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

/// Length of a leading `scheme:` (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), 0 if none.
std::size_t schemeLength(std::string_view s) {
    if (s.empty() || !isAlpha(s[0])) return 0;
    for (std::size_t i = 1; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ':') return i;
        if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') return 0;
    }
    return 0;
}

bool allDigits(std::string_view s) {
    for (char c : s)
        if (!isDigit(c)) return false;
    return true;
}

/// The lower-cased text of a bracketed IPv6 literal when it is a valid address; a zone id
/// (`%25eth0`) is dropped. Kept as written (not re-compressed), like the host of any other URL.
std::string ipv6Host(std::string_view inside) {
    if (auto zone = inside.find('%'); zone != std::string_view::npos) inside = inside.substr(0, zone);
    if (!parseIpv6(inside)) return "";
    std::string host;
    for (char c : inside) host += lower(c);
    return host;
}

bool hostChar(char c) {
    return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
           static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::string referrerHost(std::string_view url) {
    std::string_view s = trim(url);
    const std::size_t scheme = schemeLength(s);
    if (scheme == 0) return "";
    s.remove_prefix(scheme + 1);
    if (s.size() < 2 || s[0] != '/' || s[1] != '/') return "";
    s.remove_prefix(2);
    std::string_view authority = s.substr(0, s.find_first_of("/?#\\"));
    if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    if (authority.empty()) return "";

    if (authority[0] == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return "";
        const std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && (rest[0] != ':' || !allDigits(rest.substr(1)))) return "";
        return ipv6Host(authority.substr(1, close - 1));
    }

    std::string_view host = authority;
    if (auto colon = host.find(':'); colon != std::string_view::npos) {
        if (!allDigits(host.substr(colon + 1))) return "";
        host = host.substr(0, colon);
    }
    while (!host.empty() && host.back() == '.') host.remove_suffix(1);
    if (host.empty() || host.size() > kMaxHost) return "";
    std::string out;
    out.reserve(host.size());
    for (char c : host) {
        if (!hostChar(c)) return "";
        out += lower(c);
    }
    return out;
}

}  // namespace statshost::usage
