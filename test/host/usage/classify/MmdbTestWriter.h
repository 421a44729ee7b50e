#pragma once
/// Writes tiny MaxMind DB files (IPv4 search tree, 24-bit records) for the country-lookup tests,
/// following the published MaxMind DB format 2.0. Each network maps to {"country": {"iso_code": code}}.
#include <cstdint>
#include <string>
#include <vector>

namespace statshost::usage::test {

struct MmdbNetwork {
    std::uint32_t address;  ///< IPv4 network address
    int prefixLength;       ///< 1..32
    std::string isoCode;    ///< stored as is (may be deliberately invalid)
};

/// Builds the file content. Networks must not overlap.
std::string buildIpv4CountryMmdb(const std::vector<MmdbNetwork>& networks);

}  // namespace statshost::usage::test
