#pragma once
/// Country of a usage event from its IP address (SEMANTICS.md §6.4): tor-geoipdb range files by
/// default, or a MaxMind/DB-IP .mmdb file when configured.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace statshost::usage {

class CountryRanges;
class MmdbCountry;

class CountryLookup {
public:
    /// Loads IPv4 and IPv6 range files (tor-geoipdb format, see CountryRanges); an empty path skips
    /// that family. Throws statshost::ConfigError naming the file that fails.
    static CountryLookup fromRangeFiles(const std::string& v4Path, const std::string& v6Path);
    /// Uses an already filled range table.
    static CountryLookup fromRanges(CountryRanges ranges);
    /// Opens a .mmdb file. Throws statshost::ConfigError naming the file when it cannot be opened or
    /// the build has no libmaxminddb.
    static CountryLookup fromMmdb(const std::string& path);
    /// A lookup that knows no country.
    static CountryLookup none();
    /// A lookup whose data is loaded by `load` on first use (the first country(), v4Ranges(),
    /// v6Ranges() or kind() call; once, thread-safe). Commands that never need an ip lookup (import
    /// of processed events) then skip the ~0.5 s of parsing the range files. When `load` throws, that
    /// exception is rethrown by the first and every later call.
    static CountryLookup deferred(std::function<CountryLookup()> load);

    CountryLookup(CountryLookup&&) noexcept;
    CountryLookup& operator=(CountryLookup&&) noexcept;
    ~CountryLookup();

    /// Upper-case ISO 3166-1 alpha-2 code of `ip` as the source gives it, or "" when the address is
    /// invalid, not public (private, loopback, link-local, documentation, multicast, …; see
    /// isPublicAddress) or not found. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) uses the IPv4 table.
    /// The source may hold codes outside iso-codes (e.g. `AN`); CountryNames::normalise drops them.
    /// Never throws (except a deferred lookup whose loading failed); thread-safe.
    std::string country(const std::string& ip) const;

    /// Range counts after merging (0 for mmdb / none), for diagnostics.
    std::size_t v4Ranges() const;
    std::size_t v6Ranges() const;
    /// "ranges", "mmdb" or "none".
    std::string kind() const;

private:
    struct Deferred;
    CountryLookup();
    /// The lookup that answers: *this, or the deferred one once loaded.
    const CountryLookup& active() const;
    std::unique_ptr<CountryRanges> _ranges;
    std::unique_ptr<MmdbCountry> _mmdb;
    std::unique_ptr<Deferred> _deferred;
};

}  // namespace statshost::usage
