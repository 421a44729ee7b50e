#include "usage/classify/CountryLookup.h"

#include "usage/classify/CountryRanges.h"
#include "usage/classify/IpAddress.h"
#include "usage/classify/MmdbCountry.h"

namespace statshost::usage {

CountryLookup::CountryLookup() = default;
CountryLookup::CountryLookup(CountryLookup&&) noexcept = default;
CountryLookup& CountryLookup::operator=(CountryLookup&&) noexcept = default;
CountryLookup::~CountryLookup() = default;

CountryLookup CountryLookup::fromRangeFiles(const std::string& v4Path, const std::string& v6Path) {
    CountryRanges ranges;
    if (!v4Path.empty()) ranges.loadV4(v4Path);
    if (!v6Path.empty()) ranges.loadV6(v6Path);
    return fromRanges(std::move(ranges));
}

CountryLookup CountryLookup::fromRanges(CountryRanges ranges) {
    CountryLookup lookup;
    lookup._ranges = std::make_unique<CountryRanges>(std::move(ranges));
    return lookup;
}

CountryLookup CountryLookup::fromMmdb(const std::string& path) {
    CountryLookup lookup;
    lookup._mmdb = std::make_unique<MmdbCountry>(path);
    return lookup;
}

CountryLookup CountryLookup::none() { return CountryLookup(); }

std::string CountryLookup::country(const std::string& ip) const {
    const auto address = parseIpAddress(ip);
    if (!address || !isPublicAddress(*address)) return "";
    if (_mmdb) return _mmdb->find(*address);
    if (_ranges) return _ranges->find(*address);
    return "";
}

std::size_t CountryLookup::v4Ranges() const { return _ranges ? _ranges->v4Ranges() : 0; }
std::size_t CountryLookup::v6Ranges() const { return _ranges ? _ranges->v6Ranges() : 0; }

std::string CountryLookup::kind() const { return _mmdb ? "mmdb" : _ranges ? "ranges" : "none"; }

}  // namespace statshost::usage
