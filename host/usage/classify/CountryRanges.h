#pragma once
/// Country by IP address from range files in the format of Debian's `tor-geoipdb`:
///   IPv4 (`/usr/share/tor/geoip`):  `startint,endint,CC`           e.g. `16777216,16777471,AU`
///   IPv6 (`/usr/share/tor/geoip6`): `startIPv6,endIPv6,CC`         e.g. `2001:4:112::,2001:4:112:ffff:…,US`
/// Lines starting with `#` and blank lines are skipped; `??` (and any code that is not two ASCII
/// letters) means "unknown" and the range is left out. Ranges are inclusive, sorted on load,
/// adjacent ranges of one country merged, and looked up by binary search (128-bit keys for IPv6).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "usage/classify/IpAddress.h"

namespace statshost::usage {

class CountryRanges {
public:
    /// Adds the IPv4 ranges of `path`. Throws statshost::ConfigError(path, "line N: …") for an
    /// unreadable file or a malformed line (missing field, bad number or address, start > end).
    void loadV4(const std::string& path);
    /// Adds the IPv6 ranges of `path`; errors as loadV4.
    void loadV6(const std::string& path);
    /// Parses IPv4 range text directly (`source` names it in errors).
    void addV4Text(const std::string& text, const std::string& source);
    /// Parses IPv6 range text directly (`source` names it in errors).
    void addV6Text(const std::string& text, const std::string& source);

    /// Upper-case alpha-2 code of the range containing `address`, or "" when no range does.
    /// Does not filter private addresses (CountryLookup does). Thread-safe after loading.
    std::string find(const IpAddress& address) const;

    /// Number of IPv4 / IPv6 ranges held (after merging).
    std::size_t v4Ranges() const { return _v4.size(); }
    std::size_t v6Ranges() const { return _v6.size(); }

private:
    using Code = std::array<char, 2>;
    struct V4 {
        std::uint32_t start, end;
        Code code;
    };
    struct V6 {
        Uint128 start, end;
        Code code;
    };
    std::vector<V4> _v4;
    std::vector<V6> _v6;
    /// Line parsers that append to _v4 / _v6 (errors name `source`).
    auto v4Adder(const std::string& source);
    auto v6Adder(const std::string& source);
};

}  // namespace statshost::usage
