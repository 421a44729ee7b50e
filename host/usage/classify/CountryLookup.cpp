#include "usage/classify/CountryLookup.h"

#include <exception>
#include <mutex>

#include "usage/classify/CountryRanges.h"
#include "usage/classify/IpAddress.h"
#include "usage/classify/MmdbCountry.h"

namespace statshost::usage {

struct CountryLookup::Deferred {
    std::once_flag once;
    std::function<CountryLookup()> load;
    std::unique_ptr<CountryLookup> loaded;
    std::exception_ptr error;
};

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

CountryLookup CountryLookup::deferred(std::function<CountryLookup()> load) {
    CountryLookup lookup;
    lookup._deferred = std::make_unique<Deferred>();
    lookup._deferred->load = std::move(load);
    return lookup;
}

const CountryLookup& CountryLookup::active() const {
    if (!_deferred) return *this;
    Deferred& d = *_deferred;
    std::call_once(d.once, [&d] {
        try {
            d.loaded = std::make_unique<CountryLookup>(d.load());
        } catch (...) {
            d.error = std::current_exception();
        }
    });
    if (d.error) std::rethrow_exception(d.error);
    return *d.loaded;
}

std::string CountryLookup::country(const std::string& ip) const {
    const auto address = parseIpAddress(ip);
    if (!address || !isPublicAddress(*address)) return "";
    const CountryLookup& l = active();
    if (l._mmdb) return l._mmdb->find(*address);
    if (l._ranges) return l._ranges->find(*address);
    return "";
}

std::size_t CountryLookup::v4Ranges() const {
    const CountryLookup& l = active();
    return l._ranges ? l._ranges->v4Ranges() : 0;
}
std::size_t CountryLookup::v6Ranges() const {
    const CountryLookup& l = active();
    return l._ranges ? l._ranges->v6Ranges() : 0;
}

std::string CountryLookup::kind() const {
    const CountryLookup& l = active();
    return l._mmdb ? "mmdb" : l._ranges ? "ranges" : "none";
}

}  // namespace statshost::usage
