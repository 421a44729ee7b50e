#pragma once
/// Parsed IP addresses for the country lookup (SEMANTICS.md §6.4).
#include <cstdint>
#include <optional>
#include <string_view>

namespace statshost::usage {

using Uint128 = unsigned __int128;

struct IpAddress {
    bool v4 = true;
    Uint128 value = 0;  ///< IPv4: the 32-bit address in the low bits; IPv6: all 128 bits
    std::uint32_t v4Value() const { return static_cast<std::uint32_t>(value); }
};

/// Parses a textual IPv4 (dotted quad) or IPv6 address; surrounding white space and IPv6 brackets
/// (`[::1]`) are accepted, zone ids (`fe80::1%eth0`), ports and anything else are not.
/// IPv4-mapped IPv6 (`::ffff:1.2.3.4`, `::ffff:102:304`) comes back as the IPv4 address.
std::optional<IpAddress> parseIpAddress(std::string_view text);

/// Strict parses of one family (no trimming, no brackets, no mapping); nullopt when invalid.
std::optional<std::uint32_t> parseIpv4(std::string_view text);
std::optional<Uint128> parseIpv6(std::string_view text);

/// False for addresses that have no country: IPv4 this-network, private (RFC 1918), shared
/// (100.64/10), loopback, link-local, IETF protocol and documentation ranges, benchmarking,
/// multicast, reserved and broadcast; IPv6 outside global unicast 2000::/3, and the
/// documentation prefix 2001:db8::/32.
bool isPublicAddress(const IpAddress& address);

}  // namespace statshost::usage
