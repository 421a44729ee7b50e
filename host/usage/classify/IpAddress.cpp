#include "usage/classify/IpAddress.h"

#include <arpa/inet.h>

#include <cstring>

namespace statshost::usage {

namespace {

constexpr std::size_t kMaxText = 64;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// True when `address` lies in prefix/len (IPv4).
bool in4(std::uint32_t address, std::uint32_t prefix, int length) {
    const std::uint32_t mask = length == 0 ? 0 : ~std::uint32_t(0) << (32 - length);
    return (address & mask) == (prefix & mask);
}

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) {
    return (std::uint32_t(a) << 24) | (std::uint32_t(b) << 16) | (std::uint32_t(c) << 8) | std::uint32_t(d);
}

}  // namespace

std::optional<std::uint32_t> parseIpv4(std::string_view text) {
    if (text.empty() || text.size() >= kMaxText) return std::nullopt;
    char buf[kMaxText];
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    unsigned char out[4];
    if (inet_pton(AF_INET, buf, out) != 1) return std::nullopt;
    return v4(out[0], out[1], out[2], out[3]);
}

std::optional<Uint128> parseIpv6(std::string_view text) {
    if (text.empty() || text.size() >= kMaxText) return std::nullopt;
    char buf[kMaxText];
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    unsigned char out[16];
    if (inet_pton(AF_INET6, buf, out) != 1) return std::nullopt;
    Uint128 value = 0;
    for (unsigned char b : out) value = (value << 8) | b;
    return value;
}

std::optional<IpAddress> parseIpAddress(std::string_view text) {
    while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
        text = text.substr(1, text.size() - 2);
        if (text.find(':') == std::string_view::npos) return std::nullopt;  // "[1.2.3.4]" is not an address
    }
    if (text.find(':') == std::string_view::npos) {
        if (auto a = parseIpv4(text)) return IpAddress{true, *a};
        return std::nullopt;
    }
    auto a = parseIpv6(text);
    if (!a) return std::nullopt;
    constexpr Uint128 kMappedPrefix = Uint128(0xFFFF) << 32;  // ::ffff:0:0/96
    if ((*a >> 32) == (kMappedPrefix >> 32)) return IpAddress{true, *a & 0xFFFFFFFFu};
    return IpAddress{false, *a};
}

bool isPublicAddress(const IpAddress& address) {
    if (address.v4) {
        const std::uint32_t a = address.v4Value();
        static const struct {
            std::uint32_t prefix;
            int length;
        } kNonPublic[] = {
            {v4(0, 0, 0, 0), 8},       {v4(10, 0, 0, 0), 8},     {v4(100, 64, 0, 0), 10},
            {v4(127, 0, 0, 0), 8},     {v4(169, 254, 0, 0), 16}, {v4(172, 16, 0, 0), 12},
            {v4(192, 0, 0, 0), 24},    {v4(192, 0, 2, 0), 24},   {v4(192, 168, 0, 0), 16},
            {v4(198, 18, 0, 0), 15},   {v4(198, 51, 100, 0), 24}, {v4(203, 0, 113, 0), 24},
            {v4(224, 0, 0, 0), 4},     {v4(240, 0, 0, 0), 4},
        };
        for (const auto& range : kNonPublic)
            if (in4(a, range.prefix, range.length)) return false;
        return true;
    }
    const Uint128 a = address.value;
    if ((a >> 125) != 1) return false;                     // not in 2000::/3
    if ((a >> 96) == Uint128(0x20010DB8)) return false;    // 2001:db8::/32
    return true;
}

}  // namespace statshost::usage
